using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// Since session 56 (round 52's producer): memory written to a <c>ChannelWriter&lt;T&gt;</c> (<c>WriteAsync</c>,
/// <c>TryWrite</c>; the item itself or an element of a tuple item) is in the hands of the channel's reader, which takes it
/// later, typically to send it: the writer's side releasing or writing that buffer right after the write races the reader,
/// as a <c>PipeWriter</c>'s <c>FlushAsync</c> hands its memory to the pipe's reader. The writer's task ends when the channel
/// took the item, not when the reader is done with it.
/// </summary>
/// <remarks>
/// Straight-line only, so that nothing can have told the writer the reader is done: the touch (a release or write that
/// <see cref="Touches.Describe"/> knows) must come in the statements after the write in its block, or at the start of
/// the <c>finally</c> of a <c>try</c> the write is in, with no <c>await</c>, call or control statement on the way. An
/// acknowledgement awaited or waited for first (<c>await sent.Task</c>, <c>taken.Wait()</c>), a copy written instead
/// (<c>ToArray()</c>), or a buffer handed over for good (the reader returns it) are quiet.
/// </remarks>
internal static class ChannelHandOffs
{
    /// <summary>
    /// Whether the root makes a call named <c>WriteAsync</c> (the token index's marks only): a <c>TryWrite</c> is followed in
    /// such a body, not in one that makes no <c>WriteAsync</c> (no token of its own in the index, so not looked for).
    /// </summary>
    public static bool MayHandOff(CodeRootContext context)
    {
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.AsyncCall) != 0 && mark.Name is { Identifier.ValueText: "WriteAsync" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports the first release or write of a buffer right after its memory was written to a channel.</summary>
    public static void Report(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        Buffers? buffers = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation { TargetMethod: { Name: "WriteAsync" or "TryWrite" } method, Arguments.Length: > 0 } write ||
                !IsChannelWriter(method.ContainingType))
            {
                continue;
            }

            buffers ??= Buffers.Collect(api, body);
            var roots = new List<ISymbol>();
            IOperation item = write.Arguments[0].Value.WithoutConversions();
            bool carriesTask = false;
            foreach (IOperation part in item is ITupleOperation tuple ? (IEnumerable<IOperation>)tuple.Elements : new[] { item })
            {
                // A (buffer, task) pair: the operation's own flight follows it (BufferTouchedInFlightAnalyzer), not this.
                carriesTask |= part.Type is INamedTypeSymbol { Name: "Task" or "ValueTask" };
                if (buffers.RootOf(part) is { } root && !roots.Contains(root))
                {
                    roots.Add(root);
                }
            }

            if (!carriesTask && roots.Count > 0 && StatementOf(write) is { } statement && OnlyWrites(statement) &&
                TouchAfter(api, buffers, statement, roots) is { } touch)
            {
                context.Report(Diagnostic.Create(
                    BufferTouchedInFlightAnalyzer.Rule, touch.At.Syntax.GetLocation(), additionalLocations: new[] { write.Syntax.GetLocation() },
                    touch.Buffer.Name, touch.How, method.Name, Line(write.Syntax),
                    "its memory was written to a channel, whose reader may not have taken it yet"));
            }
        }
    }

    /// <summary>
    /// Whether the write's own statement makes no call and no await but channel writes (with what their arguments make)
    /// and their <c>ConfigureAwait</c>: <c>if (!writer.TryWrite(memory)) await writer.WriteAsync(memory);</c> waits for no
    /// reader, <c>if (writer.TryWrite(memory)) await ack.Task;</c> may have.
    /// </summary>
    private static bool OnlyWrites(IOperation statement)
    {
        foreach (IOperation inside in statement.DescendantsAndSelf())
        {
            switch (inside)
            {
                case IInvocationOperation { TargetMethod: { Name: "WriteAsync" or "TryWrite" } method } when IsChannelWriter(method.ContainingType):
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: IInvocationOperation { TargetMethod: { Name: "WriteAsync" } configured } }
                    when IsChannelWriter(configured.ContainingType):
                    continue;
                case IInvocationOperation call when !InChannelWrite(call):
                    return false;
                case IAwaitOperation wait when !IsChannelWrite(wait.Operation):
                    return false;
                case IAnonymousFunctionOperation:
                    return false;
            }
        }

        return true;
    }

    private static bool IsChannelWrite(IOperation operation)
    {
        operation = operation.WithoutConversions();
        if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            operation = configured.WithoutConversions();
        }

        return operation is IInvocationOperation { TargetMethod: { Name: "WriteAsync" or "TryWrite" } method } && IsChannelWriter(method.ContainingType);
    }

    // Made in the arguments of a channel write (`rented.AsMemory(0, n)`).
    private static bool InChannelWrite(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IArgumentOperation { Parent: { } call } && IsChannelWrite(call))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsChannelWriter(INamedTypeSymbol? type) =>
        type?.OriginalDefinition is { Name: "ChannelWriter", Arity: 1, ContainingNamespace: { Name: "Channels", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    // The statement of a block the write is made in (through its await and an expression statement).
    private static IOperation? StatementOf(IOperation operation)
    {
        IOperation current = operation;
        while (current.Parent is { } parent && parent is not IBlockOperation)
        {
            if (parent is IMethodBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            current = parent;
        }

        return current.Parent is IBlockOperation ? current : null;
    }

    // The first touch of a root in the statements after the write's, then at the start of a finally the block is the try of.
    private static (IOperation At, ISymbol Buffer, string How)? TouchAfter(AsyncSysApi api, Buffers buffers, IOperation? statement, List<ISymbol> roots)
    {
        while (statement?.Parent is IBlockOperation block)
        {
            bool after = false;
            foreach (IOperation next in block.Operations)
            {
                if (next == statement)
                {
                    after = true;
                    continue;
                }

                if (!after)
                {
                    continue;
                }

                if (next is not (IExpressionStatementOperation or IVariableDeclarationGroupOperation))
                {
                    return null;
                }

                foreach (IOperation inside in next.DescendantsAndSelf())
                {
                    if (Touches.Describe(api, buffers, inside) is { } touch && roots.Contains(touch.Buffer))
                    {
                        return (inside, touch.Buffer, touch.How);
                    }
                }

                foreach (IOperation inside in next.DescendantsAndSelf())
                {
                    if (inside is IAwaitOperation or IInvocationOperation or IAnonymousFunctionOperation)
                    {
                        // Anything may have waited for the reader, or handed the buffer on.
                        return null;
                    }
                }
            }

            // Run off the block's end: on into the finally of the try whose body this block is.
            if (block.Parent is ITryOperation { Finally: { } @finally } @try && @try.Body == block && @finally.Operations.Length > 0)
            {
                foreach (IOperation first in @finally.Operations)
                {
                    foreach (IOperation inside in first.DescendantsAndSelf())
                    {
                        if (Touches.Describe(api, buffers, inside) is { } touch && roots.Contains(touch.Buffer))
                        {
                            return (inside, touch.Buffer, touch.How);
                        }
                    }

                    return null;
                }
            }

            return null;
        }

        return null;
    }

    private static string Line(SyntaxNode node) =>
        (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
