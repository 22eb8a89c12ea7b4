using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>Source-order questions about two pieces of code in one body.</summary>
internal static class SourceOrder
{
    /// <summary>
    /// Whether <paramref name="earlier"/> surely runs on the way to <paramref name="later"/>: it sits in the
    /// same statement, or in a statement of a block that encloses <paramref name="later"/>. Code in a
    /// branch that <paramref name="later"/> is not in (the other arm of an if, an earlier loop body) does
    /// not count, so the rules stay quiet where they would have to guess which way the code went.
    /// </summary>
    public static bool RunsOnTheWayTo(SyntaxNode earlier, SyntaxNode later)
    {
        StatementSyntax? statement = EnclosingStatement(earlier);
        if (statement is null)
        {
            return true;
        }

        if (statement.Span.Contains(later.Span))
        {
            return true;
        }

        SyntaxNode? container = statement.Parent;
        return container is BlockSyntax or SwitchSectionSyntax &&
               container.Span.Contains(later.Span);
    }

    /// <summary>Whether two pieces of code sit in different arms of one if, conditional expression or switch, so at most one runs.</summary>
    public static bool AreExclusive(SyntaxNode first, SyntaxNode second)
    {
        SyntaxNode? common = first;
        while (common is not null && !common.Span.Contains(second.Span))
        {
            common = common.Parent;
        }

        for (SyntaxNode? node = common; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ConditionalExpressionSyntax conditional:
                    return InDifferentParts(first, second, conditional.WhenTrue, conditional.WhenFalse);
                case IfStatementSyntax { Else: not null } ifStatement:
                    return InDifferentParts(first, second, ifStatement.Statement, ifStatement.Else);
                case SwitchStatementSyntax:
                    return EnclosingSwitchSection(first) != EnclosingSwitchSection(second);
                case StatementSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool InDifferentParts(SyntaxNode first, SyntaxNode second, SyntaxNode a, SyntaxNode b) =>
        (a.Span.Contains(first.Span) && b.Span.Contains(second.Span)) ||
        (b.Span.Contains(first.Span) && a.Span.Contains(second.Span));

    /// <summary>The statement, directly in a block or switch section, that holds <paramref name="node"/>.</summary>
    public static StatementSyntax? StatementInBlock(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement)
            {
                return statement;
            }
        }

        return null;
    }

    // Parent walks instead of Ancestors().OfType().FirstOrDefault(): these run for every pair of operations
    // a rule compares, and the LINQ form allocated an iterator chain each time.
    private static StatementSyntax? EnclosingStatement(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement)
            {
                return statement;
            }
        }

        return null;
    }

    private static SwitchSectionSyntax? EnclosingSwitchSection(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is SwitchSectionSyntax section)
            {
                return section;
            }
        }

        return null;
    }
}
