using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>The condition that decides whether a piece of code runs: ASYS1001's "which call's failure is this errno for".</summary>
internal static class GuardingCondition
{
    /// <summary>
    /// The condition of the innermost <c>if</c> (or <c>?:</c>) with <paramref name="node"/> in one of its arms, or of an
    /// <c>if</c> without <c>else</c> whose body always leaves, right before the statement <paramref name="node"/> is in
    /// (<c>if (fd &gt;= 0) return fd;</c> then the read: it runs only when that condition failed); within the same
    /// function, null when there is none (a lambda, local function or member comes first).
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
                case BlockSyntax block when current is StatementSyntax statement && ExitingIfBefore(block, statement) is { } exiting:
                    return exiting.Condition;
                case MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    private static IfStatementSyntax? ExitingIfBefore(BlockSyntax block, StatementSyntax statement)
    {
        int index = block.Statements.IndexOf(statement);
        return index > 0 && block.Statements[index - 1] is IfStatementSyntax { Else: null } ifStatement && AlwaysLeaves(ifStatement.Statement)
            ? ifStatement
            : null;
    }

    /// <summary>Whether every path through a statement leaves it by return, throw, break, continue or goto.</summary>
    public static bool AlwaysLeaves(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax => true,
        BlockSyntax { Statements.Count: > 0 } block => AlwaysLeaves(block.Statements[block.Statements.Count - 1]) && !HasLabel(block),
        _ => false,
    };

    private static bool HasLabel(BlockSyntax block)
    {
        foreach (StatementSyntax statement in block.Statements)
        {
            if (statement is LabeledStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }
}
