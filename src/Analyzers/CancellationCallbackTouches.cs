using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005 in a cancellation callback: a lambda given to <c>token.Register</c> or <c>UnsafeRegister</c> that writes or
/// releases a buffer of an operation started with that same token while the registration is in force. The callback
/// runs when the token fires, and a cancelled operation keeps its buffer until its own completion arrives
/// (docs/cancellation.md): the callback runs exactly while the operation it cancels is in flight.
/// </summary>
/// <remarks>
/// Decided by source order in the function that registers: an operation started after the registration (and before
/// the registration is disposed or unregistered), or one started before it whose task, kept in a local, is first awaited
/// after it. The buffer is a variable the callback captures or the state the registration passes it.
/// </remarks>
internal static class CancellationCallbackTouches
{
    public static void Report(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        Buffers? buffers = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "Register" or "UnsafeRegister", Instance: { } token, Arguments.Length: > 0 } registration ||
                !api.Is(registration.TargetMethod.ContainingType, api.CancellationToken) ||
                registration.Arguments[0].Value.WithoutConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation callback } ||
                TokenOf(token) is not { } registered)
            {
                continue;
            }

            foreach (IOperation candidate in body.Operations)
            {
                if (candidate is not IInvocationOperation started || !api.IsAsyncSyscall(started.TargetMethod) || !IsGiven(started, registered) ||
                    !InFlightWhileRegistered(body, registration, started))
                {
                    continue;
                }

                buffers ??= Buffers.Collect(api, body);
                List<ISymbol> roots = RootsOf(buffers, started);
                if (roots.Count > 0 && TouchIn(context, api, buffers, registration, callback, roots, " by a cancellation callback", stateIsSecondArgument: true) is { } touch)
                {
                    Report(context, touch, started,
                        "the callback registered on line " + Line(registration.Syntax) + " runs when '" + registered.Name +
                        "' is cancelled, and the cancelled operation keeps its buffer until it completes");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Since round 48: a lambda handed to another thread to run later (<see cref="ThreadHops"/>: a continuation of another
    /// task, <c>Task.Delay(timeout).ContinueWith(...)</c> as a watchdog, a timer's callback, a thread-pool work item) that
    /// writes or releases the buffer of an operation started before it whose task, kept in a local, is first consumed
    /// after it: the callback may run while that operation is in flight (a watchdog that cancels a late receive and
    /// returns its buffer: cancelling only asks, the receive keeps the buffer until its completion arrives). A
    /// continuation of the operation's own task (<c>read.ContinueWith(...)</c>, also through a task made of it) runs after
    /// it and is not reported.
    /// </summary>
    public static void ReportDeferred(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        Buffers? buffers = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation handing || handing.Arguments.Length == 0)
            {
                continue;
            }

            IAnonymousFunctionOperation? callback = null;
            foreach (IArgumentOperation argument in handing.Arguments)
            {
                if (argument.Value.WithoutConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    callback = lambda;
                    break;
                }
            }

            if (callback is null || ThreadHops.RunnerOf(callback.Syntax, context.Model, context.CancellationToken) is not { } runner)
            {
                continue;
            }

            ISymbol? continued = handing.TargetMethod.Name == "ContinueWith" && handing.Instance is { } antecedent ? TaskLocal(antecedent) : null;
            foreach (IOperation candidate in body.Operations)
            {
                if (candidate is not IInvocationOperation started || !api.IsAsyncSyscall(started.TargetMethod) ||
                    started.Syntax.SpanStart >= handing.Syntax.SpanStart || TaskUses.IsAwaitedAtOnce(started) || KeptIn(started) is not { } task ||
                    (continued is not null && SymbolEqualityComparer.Default.Equals(continued, task)) || !FirstConsumedAfter(body, task, started, handing))
                {
                    continue;
                }

                buffers ??= Buffers.Collect(api, body);
                List<ISymbol> roots = RootsOf(buffers, started);
                if (roots.Count > 0 && TouchIn(context, api, buffers, handing, callback, roots, " by a callback", stateIsSecondArgument: false) is { } touch)
                {
                    Report(context, touch, started,
                        "the callback handed to " + runner + " on line " + Line(handing.Syntax) + " may run before '" + task.Name + "' completes");
                    break;
                }
            }
        }
    }

    /// <summary>ASYS1005 at the callback's touch of a buffer <paramref name="started"/> still uses; <paramref name="why"/> says when the callback runs.</summary>
    private static void Report(CodeRootContext context, (SyntaxNode At, ISymbol Buffer, string How) touch, IInvocationOperation started, string why) =>
        context.Report(Diagnostic.Create(
            BufferTouchedInFlightAnalyzer.Rule, touch.At.GetLocation(), additionalLocations: new[] { started.Syntax.GetLocation() },
            touch.Buffer.Name, touch.How, started.TargetMethod.Name, Line(started.Syntax), why));

    /// <summary>The buffers an operation was given (their root symbols), in argument order.</summary>
    private static List<ISymbol> RootsOf(Buffers buffers, IInvocationOperation started)
    {
        var roots = new List<ISymbol>();
        foreach (IArgumentOperation argument in started.Arguments)
        {
            if (buffers.RootOf(argument.Value) is { } root)
            {
                roots.Add(root);
            }
        }

        return roots;
    }

    /// <summary>The local an operation's task is kept in, as it is or as the Task its <c>AsTask()</c>/<c>Preserve()</c> makes.</summary>
    private static ILocalSymbol? KeptIn(IInvocationOperation started)
    {
        IOperation value = started;
        while (value.Parent is IConversionOperation or IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Arguments.Length: 0 } &&
               (value.Parent is not IInvocationOperation wrap || wrap.Instance == value))
        {
            value = value.Parent;
        }

        return TaskUses.StoredIn(value);
    }

    /// <summary>Whether the task local is first consumed (awaited, handed on, returned) after the callback is handed over.</summary>
    private static bool FirstConsumedAfter(FunctionBody body, ILocalSymbol task, IInvocationOperation started, IInvocationOperation handing)
    {
        int? firstUse = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, task) &&
                TaskUses.Consumption(reference) is not null && reference.Syntax.SpanStart > started.Syntax.Span.End &&
                !handing.Syntax.Span.Contains(reference.Syntax.Span) && (firstUse is null || reference.Syntax.SpanStart < firstUse))
            {
                firstUse = reference.Syntax.SpanStart;
            }
        }

        return firstUse > handing.Syntax.Span.End;
    }

    /// <summary>The local a task is read from, also through <c>AsTask()</c>/<c>ConfigureAwait</c> made in place.</summary>
    private static ISymbol? TaskLocal(IOperation task)
    {
        task = task.WithoutConversions();
        while (task is IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve" or "ConfigureAwait", Instance: { } inner })
        {
            task = inner.WithoutConversions();
        }

        return task is ILocalReferenceOperation local ? local.Local : null;
    }

    /// <summary>The first write or release in the callback's own body of a buffer among <paramref name="roots"/>.</summary>
    private static (SyntaxNode At, ISymbol Buffer, string How)? TouchIn(
        CodeRootContext context, AsyncSysApi api, Buffers outer, IInvocationOperation registration, IAnonymousFunctionOperation callback, List<ISymbol> roots, string by,
        bool stateIsSecondArgument)
    {
        foreach (FunctionBody body in context.Bodies)
        {
            if (!SymbolEqualityComparer.Default.Equals(body.Symbol, callback.Symbol))
            {
                continue;
            }

            Buffers own = Buffers.Collect(api, body);
            // Register(callback, state): the callback's first parameter is that state.
            if (stateIsSecondArgument && callback.Symbol.Parameters.Length > 0 && registration.Arguments.Length > 1 &&
                outer.RootOf(registration.Arguments[1].Value) is { } state)
            {
                own.StandFor(callback.Symbol.Parameters[0], state);
            }

            foreach (IOperation operation in body.Operations)
            {
                (ISymbol Buffer, string How)? touch = Touches.Describe(api, own, operation);
                if (touch is null && operation is IInvocationOperation call)
                {
                    touch = Touches.InHelper(context, api, own, call, roots.Contains) ?? Touches.InLocalFunction(context, api, call, roots.Contains);
                }

                if (touch is { } found && roots.Contains(found.Buffer))
                {
                    return (operation.Syntax, found.Buffer, found.How + by);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the operation may be in flight while the callback can run: started after the registration and before it
    /// is disposed or unregistered (and inside a <c>using</c> of it), or started before it and first awaited after it.
    /// </summary>
    private static bool InFlightWhileRegistered(FunctionBody body, IInvocationOperation registration, IInvocationOperation started)
    {
        int registered = registration.Syntax.Span.End, start = started.Syntax.SpanStart;
        if (start < registration.Syntax.SpanStart)
        {
            // Started first: in flight at the registration only when its task, kept in a local, is consumed after it.
            if (TaskUses.IsAwaitedAtOnce(started) || TaskUses.StoredIn(started) is not { } task)
            {
                return false;
            }

            int? firstUse = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, task) &&
                    TaskUses.Consumption(reference) is not null && reference.Syntax.SpanStart > start &&
                    (firstUse is null || reference.Syntax.SpanStart < firstUse))
                {
                    firstUse = reference.Syntax.SpanStart;
                }
            }

            return firstUse > registered;
        }

        if (start < registered)
        {
            return false;
        }

        // `using (token.Register(...)) { ... }`: in force only in its body.
        IOperation? parent = registration.Parent;
        while (parent is IConversionOperation or IVariableInitializerOperation or IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IUsingOperation { Body: { } scope } && !scope.Syntax.Span.Contains(started.Syntax.Span))
        {
            return false;
        }

        // Kept in a local: disposed or unregistered before the operation starts, the callback can no longer run for it.
        ISymbol? kept = TaskUses.StoredIn(registration);
        if (kept is null)
        {
            return true;
        }

        foreach (IOperation operation in body.Operations)
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Dispose" or "Unregister", Instance: { } instance } ended &&
                instance.WithoutConversions() is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, kept) &&
                ended.Syntax.SpanStart > registered && ended.Syntax.SpanStart < start)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the operation is given the token (the same variable, or the <c>Token</c> of the same source).</summary>
    private static bool IsGiven(IInvocationOperation started, ISymbol token)
    {
        foreach (IArgumentOperation argument in started.Arguments)
        {
            if (argument.Parameter?.Type.Name == "CancellationToken" && TokenOf(argument.Value) is { } given && SymbolEqualityComparer.Default.Equals(given, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The variable a token is read from: a local, parameter or field, or the source whose <c>Token</c> it is.</summary>
    private static ISymbol? TokenOf(IOperation token) => token.WithoutConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.Name: "Token", Instance: { } source } => source.WithoutConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        },
        _ => null,
    };

    private static string Line(SyntaxNode node) =>
        (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
