using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Analyzers;

/// <summary>
/// The call an errno read is written for, when the code says so: the condition that decides whether the read runs
/// (<see cref="GuardingCondition.Of"/>: the innermost <c>if</c> or <c>?:</c> around it, or an <c>if</c> that always
/// leaves right before it) tests that call's result, made in the condition itself (<c>if (Syscall.bind(fd, address) &lt; 0)</c>) or
/// stored in a variable the condition reads (<c>fd = Syscall.memfd_create(...); if (fd &lt; 0)</c>).
/// </summary>
/// <remarks>
/// ASYS1001 treats such a call that is not a P/Invoke like a wrapper that made one (Mono.Posix's <c>Syscall</c>
/// methods that marshal a structure, a project's own helpers): errno is what that call left, as it is for a call
/// with no P/Invoke before it, so an earlier P/Invoke no longer counts and only what runs after the call can make
/// the read stale. Syntax only, so the straight-line path and the flow find the same call.
/// </remarks>
internal static class ErrnoGuardCall
{
    /// <summary>
    /// Adds the guarding calls of <paramref name="read"/> to <paramref name="guards"/>: the one call in the condition,
    /// or every call stored in the one variable the condition tests before it (a branch may have made either).
    /// <paramref name="calls"/> are the calls of the read's function, in any order (nested functions left out).
    /// </summary>
    public static void AddTo(HashSet<SyntaxNode> guards, SyntaxNode read, IEnumerable<SyntaxNode> calls)
    {
        ExpressionSyntax? condition = GuardingCondition.Of(read);
        if (condition is not null)
        {
            AddFor(guards, condition, calls, between: default);
        }
    }

    /// <summary>
    /// Adds the calls an <c>if</c> without <c>else</c> that always leaves tests, when only statements that drop a call's
    /// result (<c>Console.Error.WriteLine(...);</c>, <c>Cleanup();</c>) stand between it and the read's statement:
    /// <c>int r = call(); if (r &gt;= 0) return r; Log(); return Marshal.GetLastPInvokeError();</c> reads errno for
    /// <c>call()</c>'s failure. ASYS1001 takes only delegate invocations from here (a retry helper's <c>Func&lt;int&gt;</c>):
    /// such a call may make the P/Invoke, so what runs after it makes the read stale. Nothing is added when
    /// <see cref="AddTo"/> finds a nearer condition, or when a statement in between keeps a result or writes the tested variable.
    /// </summary>
    public static void AddEarlierExitTo(HashSet<SyntaxNode> candidates, SyntaxNode read, IEnumerable<SyntaxNode> calls)
    {
        if (GuardingCondition.Of(read) is not null)
        {
            return;
        }

        // The read's statement in its block, within the read's own function.
        SyntaxNode? statement = read;
        while (true)
        {
            if (statement is null || SyntaxFunctions.IsNested(statement) || statement is MemberDeclarationSyntax)
            {
                return;
            }

            if (statement is StatementSyntax && statement.Parent is BlockSyntax)
            {
                break;
            }

            statement = statement.Parent;
        }

        var block = (BlockSyntax)statement.Parent!;
        int index = block.Statements.IndexOf((StatementSyntax)statement);
        for (int i = index - 1; i >= 0; i--)
        {
            switch (block.Statements[i])
            {
                case IfStatementSyntax { Else: null } exiting when GuardingCondition.AlwaysLeaves(exiting.Statement):
                    if (i < index - 1)
                    {
                        AddFor(candidates, exiting.Condition, calls, new Between(block, i + 1, index));
                    }

                    return;
                case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax or AwaitExpressionSyntax }:
                    continue;
                case StatementSyntax loop when ExitTestOf(loop) is { } exitTest:
                    AddFor(candidates, exitTest.Condition, calls, new Between(block, i + 1, index));
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// A retry loop's failure test: a <c>for</c>, <c>while</c> or <c>foreach</c> whose body ends with an <c>if</c> that
    /// leaves the function (<c>r = call(); if (r &gt;= 0) return r;</c>), or with such an <c>if</c> and then only statements
    /// that drop a call's result and do not write the tested variable (<c>Log("retrying");</c>), with no <c>break</c>, <c>continue</c> or
    /// <c>goto</c> in the body, no call in the loop's own condition or increments and no write in its condition. Every pass
    /// that ends normally went through that test's failing side, so code after the loop that reads errno reads it for
    /// the last call the test saw fail (a loop that never ran made no call of its own to read it for).
    /// </summary>
    private static IfStatementSyntax? ExitTestOf(StatementSyntax loop)
    {
        StatementSyntax? body = loop switch
        {
            ForStatementSyntax { Incrementors: var steps, Condition: var condition } forLoop when !CallsOrWrites(steps, condition) => forLoop.Statement,
            WhileStatementSyntax whileLoop when !CallsOrWrites(default, whileLoop.Condition) => whileLoop.Statement,
            CommonForEachStatementSyntax forEach => forEach.Statement,
            _ => null,
        };
        if (body is not BlockSyntax { Statements.Count: > 0 } block)
        {
            return null;
        }

        // The test may be followed, to the end of the body, by statements that drop a call's result (`Log("retrying");`,
        // `await Task.Delay(backoff);`), as between an `if` that leaves and the read.
        int last = block.Statements.Count - 1;
        while (last > 0 && block.Statements[last] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax or AwaitExpressionSyntax })
        {
            last--;
        }

        if (block.Statements[last] is not IfStatementSyntax { Else: null } exit || !LeavesTheFunction(exit.Statement) ||
            new Between(block, last + 1, block.Statements.Count).Writes(TestedName(exit.Condition)))
        {
            return null;
        }

        foreach (SyntaxNode node in block.DescendantNodes(n => !SyntaxFunctions.IsNested(n)))
        {
            if (node is BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or LabeledStatementSyntax)
            {
                return null;
            }
        }

        return exit;
    }

    // The one variable a condition tests (`r >= 0`: "r"), or "" when it names none or several.
    private static string TestedName(ExpressionSyntax condition)
    {
        string? tested = null;
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf(n => !SyntaxFunctions.IsNested(n)))
        {
            if (node is IdentifierNameSyntax name && (node.Parent is not MemberAccessExpressionSyntax { Name: var member } || member != node))
            {
                if (tested is not null && tested != name.Identifier.ValueText)
                {
                    return "";
                }

                tested = name.Identifier.ValueText;
            }
        }

        return tested ?? "";
    }

    // A call in the increments, or a call or write in the condition (which runs after the test on the way out).
    private static bool CallsOrWrites(SeparatedSyntaxList<ExpressionSyntax> steps, ExpressionSyntax? condition)
    {
        foreach (ExpressionSyntax step in steps)
        {
            foreach (SyntaxNode node in step.DescendantNodesAndSelf())
            {
                if (node is InvocationExpressionSyntax)
                {
                    return true;
                }
            }
        }

        if (condition is null)
        {
            return false;
        }

        foreach (SyntaxNode node in condition.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax or AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } or PostfixUnaryExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    // Return or throw (also as the last statement of a block): leaves the function, never reaching code after the loop.
    private static bool LeavesTheFunction(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements.Count: > 0 } block => LeavesTheFunction(block.Statements[block.Statements.Count - 1]),
        _ => false,
    };

    private static void AddFor(HashSet<SyntaxNode> guards, ExpressionSyntax condition, IEnumerable<SyntaxNode> calls, Between between)
    {
        // One call in the condition: that one. More than one: not clear.
        InvocationExpressionSyntax? called = null;
        string? tested = null;
        int names = 0;
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf(n => !SyntaxFunctions.IsNested(n)))
        {
            switch (node)
            {
                case InvocationExpressionSyntax call:
                    if (called is not null)
                    {
                        return;
                    }

                    called = call;
                    break;
                case IdentifierNameSyntax name when node.Parent is not MemberAccessExpressionSyntax { Name: var member } || member != node:
                    tested = name.Identifier.ValueText;
                    names++;
                    break;
            }
        }

        if (called is not null)
        {
            guards.Add(called);
            return;
        }

        if (names != 1 || between.Writes(tested!))
        {
            return;
        }

        // One variable tested: the calls stored in it before the condition.
        foreach (SyntaxNode node in calls)
        {
            if (node is not InvocationExpressionSyntax || node.SpanStart >= condition.SpanStart)
            {
                continue;
            }

            SyntaxNode value = node;
            while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                value = value.Parent;
            }

            string? target = value.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax left } assignment
                    when assignment.Right == value => left.Identifier.ValueText,
                _ => null,
            };
            if (target == tested)
            {
                guards.Add(node);
            }
        }
    }

    /// <summary>
    /// Where a call's result is kept for a later test: the variable (a <see cref="VariableDeclaratorSyntax"/>, a
    /// <see cref="SingleVariableDesignationSyntax"/> or the <see cref="IdentifierNameSyntax"/> assigned to) and, when
    /// the call is one of several evaluated in one expression, which part of the value it became: a tuple element
    /// (<c>var fds = (In: open(a), Out: open(b))</c>: "In", also "Item1") or a member set by an object initializer
    /// (<c>new Pair { In = open(a) }</c>: "In"). A deconstruction (<c>var (i, o) = (open(a), open(b))</c>) keeps each
    /// element in a variable of its own. Null when the result is not kept in a variable so.
    /// </summary>
    public static SyntaxNode? StoreOf(SyntaxNode call, out string? part, out string? element)
    {
        part = null;
        element = null;
        SyntaxNode value = OuterValue(call);
        switch (value.Parent)
        {
            case ArgumentSyntax { Parent: TupleExpressionSyntax tuple } argument:
            {
                int index = tuple.Arguments.IndexOf(argument);
                part = argument.NameColon?.Name.Identifier.ValueText;
                element = "Item" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                value = OuterValue(tuple);
                if (value.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } deconstruction && deconstruction.Right == value)
                {
                    part = element = null;
                    return deconstruction.Left switch
                    {
                        TupleExpressionSyntax targets when index < targets.Arguments.Count => targets.Arguments[index].Expression switch
                        {
                            IdentifierNameSyntax name => name,
                            DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax declared } => declared,
                            _ => null,
                        },
                        DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax declared } when index < declared.Variables.Count =>
                            declared.Variables[index] as SingleVariableDesignationSyntax,
                        _ => null,
                    };
                }

                break;
            }

            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax member, Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression, Parent: BaseObjectCreationExpressionSyntax creation } } initializer
                when initializer.Right == value:
                part = member.Identifier.ValueText;
                value = OuterValue(creation);
                break;
        }

        switch (value.Parent)
        {
            // An array element at an index that is a local or a constant (fds[i] = open(...)): the array, its part
            // being the element, so a test of the same element (fds[i] < 0) looks at what the call returned.
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax array } target } assignment
                when part is null && element is null && assignment.Right == value && ElementOf(target) is { } index:
                part = index;
                return array;
        }

        return value.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator,
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target } assignment when assignment.Right == value => target,
            _ => null,
        };
    }

    /// <summary>
    /// Whether an element store of <see cref="StoreOf"/> (part "[i]") still holds the call's result at
    /// <paramref name="condition"/>: nothing between them writes the index local, so <c>fds[i]</c> is the same element.
    /// A constant index, or any other part, always is.
    /// </summary>
    public static bool ElementKept(SyntaxNode store, string? part, SyntaxNode condition)
    {
        if (part is null || !part.StartsWith("[", System.StringComparison.Ordinal) || part.Length < 3 || !SyntaxFacts.IsIdentifierStartCharacter(part[1]))
        {
            return true;
        }

        string index = part.Substring(1, part.Length - 2);
        var between = TextSpan.FromBounds(store.Span.End, condition.SpanStart);
        SyntaxNode root = store.SyntaxTree.GetRoot();
        foreach (SyntaxNode node in root.DescendantNodes(between))
        {
            if (node is IdentifierNameSyntax identifier && between.Contains(identifier.Span) && identifier.Identifier.ValueText == index && IsWrittenName(identifier))
            {
                return false;
            }
        }

        return true;
    }

    // The element an access names, as "[i]" or "[0]": one argument that is a simple name or an integer literal.
    private static string? ElementOf(ElementAccessExpressionSyntax access) =>
        access.ArgumentList.Arguments.Count == 1 && access.ArgumentList.Arguments[0] is { RefKindKeyword.RawKind: (int)SyntaxKind.None, NameColon: null, Expression: var index }
            ? index switch
            {
                IdentifierNameSyntax name => "[" + name.Identifier.ValueText + "]",
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int constant } =>
                    "[" + constant.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
                _ => null,
            }
            : null;

    /// <summary>
    /// Whether a test of <paramref name="tested"/> (a part of a variable, or the whole when null) looks at what a store of
    /// <see cref="StoreOf"/> put there.
    /// </summary>
    /// An array element (part "[i]") is looked at only by a test of that same element.
    public static bool Tests(string? tested, string? part, string? element) =>
        part is not null && part.StartsWith("[", System.StringComparison.Ordinal)
            ? tested == part
            : tested is null || (part is null && element is null) || tested == part || tested == element;

    /// <summary>
    /// The part of a variable a name in a condition reads: the member after it (<c>fds.In</c>), the element it indexes
    /// (<c>fds[i]</c>: "[i]"; an index that is not a local or a constant: "[]", no store's), or null for the whole.
    /// </summary>
    public static string? TestedPart(IdentifierNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access when access.Expression == name => access.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax access when access.Expression == name => ElementOf(access) ?? "[]",
        _ => null,
    };

    /// <summary>The statements of a block between an <c>if</c> and the read's statement.</summary>
    private readonly struct Between
    {
        private readonly BlockSyntax? _block;
        private readonly int _start;
        private readonly int _end;

        public Between(BlockSyntax block, int start, int end)
        {
            _block = block;
            _start = start;
            _end = end;
        }

        /// <summary>Whether one of them may write the variable (assigned, incremented, passed by ref or out).</summary>
        public bool Writes(string name)
        {
            for (int i = _start; _block is not null && i < _end; i++)
            {
                foreach (SyntaxNode node in _block.Statements[i].DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && IsWritten(identifier))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsWritten(IdentifierNameSyntax name) => IsWrittenName(name);
    }

    // Whether a name is written where it stands (assigned, incremented, passed by ref or out).
    private static bool IsWrittenName(IdentifierNameSyntax name) => name.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment.Left == name,
        PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
        _ => false,
    };

    private static SyntaxNode OuterValue(SyntaxNode value)
    {
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        return value;
    }
}
