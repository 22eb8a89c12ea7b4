using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>The condition that decides whether a piece of code runs: ASYS1001's "which call's failure is this errno for".</summary>
internal static class GuardingCondition
{
    /// <summary>
    /// The condition of the innermost <c>if</c> (or <c>?:</c>) with <paramref name="node"/> in one of its arms, within
    /// the same function; null when there is none (a lambda, local function or member comes first).
    /// </summary>
    public static ExpressionSyntax? Of(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current.Parent)
            {
                case IfStatementSyntax ifStatement when current != ifStatement.Condition:
                    return ifStatement.Condition;
                case ConditionalExpressionSyntax conditional when current != conditional.Condition:
                    return conditional.Condition;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }
}
