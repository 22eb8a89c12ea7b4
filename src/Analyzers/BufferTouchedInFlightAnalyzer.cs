using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1005: an array, <c>Memory&lt;T&gt;</c> or <c>IMemoryOwner&lt;T&gt;</c> handed to an asynchronous syscall is
/// written (directly, or as the destination of CopyTo, TryWrite, Fill, a Span parameter), returned to the
/// <c>ArrayPool</c>, or disposed (also by the end of a <c>using</c>) on a path where the operation's ValueTask has
/// not been awaited yet.
/// </summary>
/// <remarks>
/// Until the completion arrives the kernel (or a worker) reads or writes the buffer: a write races with it,
/// and a buffer back in the pool is handed to someone else while the kernel still fills it. The rule follows the
/// operation through the control flow graph: stored and awaited later, returned to the caller while a
/// <c>finally</c> or <c>using</c> releases the buffer, still in flight on a loop's next iteration, and through the
/// <c>Task</c> that <c>AsTask()</c> makes of it: a timeout through <c>Task.WhenAny</c> or <c>WaitAsync</c> ends the wait,
/// not the operation.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BufferTouchedInFlightAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1005";

    /// <summary>Property of the diagnostic: where the operation's task is stored, when the fix can await it before the touch.</summary>
    internal const string TaskLocalProperty = "TaskLocal";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "Buffer is touched while its operation is in flight",
        messageFormat: "'{0}' is {1} while '{2}' (line {3}) may still be using it: {4}; await the operation first",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An asynchronous syscall owns its buffer until its ValueTask completes. Writing to the buffer (directly or as the destination of CopyTo, Fill, TryWrite or a Span parameter), returning it to an ArrayPool or disposing its IMemoryOwner (also at the end of a using) before the await races with the kernel or the worker. Await the operation, then reuse or release the buffer.",
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <summary>
    /// Only an operation whose task is not awaited where it starts can be in flight past its call, or any operation
    /// while a cancellation callback registered on its token can run, or in a concurrent body, or (since session 56) an
    /// operation a <c>Stream</c> override keeps in flight past its own task; <see cref="AnalyzeRoot"/> tells them apart.
    /// </summary>
    private protected override bool IsCandidate(CodeRoot root) =>
        root.HasAny(CodeFeatures.UnawaitedAsyncCall | CodeFeatures.AsyncCall);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        // An operation stored, kept, discarded or returned stays in flight past its call; something must also touch a buffer.
        if ((context.Root.HasAny(CodeFeatures.UnawaitedAsyncCall) &&
             TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Discarded | TaskUses.Handling.Stored | TaskUses.Handling.StoredAsTask | TaskUses.Handling.Returned | TaskUses.Handling.Kept | TaskUses.Handling.WaitedWithTimeout, apmBegins: true) &&
             Touches.MayTouch(context)) ||
            // A task kept in a field: another member may touch the buffer (BufferFieldsInFlight), with nothing touched here.
            (context.Root.HasAny(CodeFeatures.UnawaitedAsyncCall) && TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Kept)) ||
            // Since session 58: the same with the field written by its simple name (`_export = ring.WriteAsync(...).AsTask();`),
            // which the syntax alone takes for a local: bound only when nothing here touches a buffer.
            (context.Root.HasAny(CodeFeatures.UnawaitedAsyncCall) &&
             TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Stored | TaskUses.Handling.StoredAsTask) && StoresTaskInField(context)) ||
            context.Root.HasAll(CodeFeatures.AsyncCall | CodeFeatures.CancellationCallback) ||
            // Since round 51: a lambda run for several elements at once (Parallel.ForEachAsync) sharing a buffer across its runs.
            (context.Root.HasAll(CodeFeatures.AsyncCall | CodeFeatures.ConcurrentBody) && Touches.MayTouch(context)) ||
            // Since session 56: a call of a Stream override that keeps the operation on the caller's buffer past its task.
            (MayCallKeepingOverride(context, api) && CallsKeepingOverride(context, api) && Touches.MayTouch(context)) ||
            // Since session 56: memory written to a channel, released or written by the writer before the reader takes it.
            (ChannelHandOffs.MayHandOff(context) && Touches.MayTouch(context)))
        {
            base.AnalyzeRoot(context, api);
        }
    }

    /// <summary>Whether the root assigns a call's value to a Task or ValueTask instance field named by its simple name.</summary>
    private static bool StoresTaskInField(CodeRootContext context)
    {
        foreach (SyntaxNode node in context.Root.Syntax.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax name, Right: InvocationExpressionSyntax } &&
                context.SymbolOf(name) is IFieldSymbol { IsStatic: false, Type.Name: "Task" or "ValueTask" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the root makes a call named like an override this compilation declares that may keep an operation (tokens only).</summary>
    private static bool MayCallKeepingOverride(CodeRootContext context, AsyncSysApi api) =>
        context.Root.HasAny(CodeFeatures.AsyncCall) && !api.Names.KeepingOverrides.IsEmpty;

    /// <summary>Whether the root calls a <c>Stream</c> override that keeps an operation on its buffer past its task (<see cref="KeepingOverrides"/>).</summary>
    private static bool CallsKeepingOverride(CodeRootContext context, AsyncSysApi api)
    {
        foreach (Mark mark in context.Root.Marks)
        {
            if ((mark.Features & CodeFeatures.AsyncCall) != 0 && mark.Name is { } name && api.Names.KeepingOverrides.Contains(name.Identifier.ValueText) &&
                CodeIndex.CallOf(name) is { } call && context.SymbolOf(call) is IMethodSymbol method && api.KeptByOverride(method) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private protected override void AnalyzeBody(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        if (context.Root.HasAll(CodeFeatures.AsyncCall | CodeFeatures.CancellationCallback))
        {
            CancellationCallbackTouches.Report(context, api, body);
        }

        if (context.Root.HasAll(CodeFeatures.UnawaitedAsyncCall | CodeFeatures.ThreadHop))
        {
            CancellationCallbackTouches.ReportDeferred(context, api, body);
        }

        if (context.Root.HasAll(CodeFeatures.AsyncCall | CodeFeatures.ConcurrentBody))
        {
            ConcurrentBodies.Report(context, api, body);
        }

        if (ChannelHandOffs.MayHandOff(context))
        {
            ChannelHandOffs.Report(context, api, body);
        }

        bool keeping = MayCallKeepingOverride(context, api);
        if (!context.Root.HasAny(CodeFeatures.UnawaitedAsyncCall) && !keeping)
        {
            return;
        }

        Buffers? buffers = null;
        List<Flight>? flights = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation call)
            {
                continue;
            }

            if (keeping && api.KeptByOverride(call.TargetMethod) is { } keptByOverride)
            {
                // Since session 56: `await destination.WriteAsync(chunk.AsMemory(0, n))` of a Stream override that keeps its
                // write of the caller's memory in a field: awaited or not, the buffer is still in flight after the call.
                buffers ??= Buffers.Collect(api, body);
                var keptRoots = new List<ISymbol>();
                var keptArguments = new List<IOperation>();
                foreach (IArgumentOperation argument in call.Arguments)
                {
                    if (argument.Parameter is { } parameter && keptByOverride.Parameters.Contains(parameter.Ordinal))
                    {
                        AddRoots(api, buffers, body, argument.Value, call.Syntax.SpanStart, keptRoots);
                        keptArguments.Add(argument.Value);
                    }
                }

                if (keptRoots.Count > 0 && (flights ??= new List<Flight>()).Count < 64)
                {
                    string keptWindow = "'" + call.TargetMethod.Name + "' keeps the operation it starts on it in '" + keptByOverride.Field.Name +
                        "' after its own task ends";
                    flights.Add(new Flight(call.Syntax, call.TargetMethod.Name, null, keptRoots, keptArguments, keptWindow)
                    {
                        MovedTo = MovesAfter(body, buffers, keptRoots, call.Syntax),
                    });
                }

                continue;
            }

            if (TaskUses.IsAwaitedAtOnce(call))
            {
                continue;
            }

            // A local function whose body starts the operation: its call starts it, on the buffers that body passes.
            // Since round 48 an APM Begin over an operation too: its IAsyncResult carries the operation until End is given it.
            IInvocationOperation? started = api.IsAsyncSyscall(call.TargetMethod) || api.IsApmBegin(call.TargetMethod) ? call : TaskUses.ReturnedByLocalFunction(context, api, call.TargetMethod);

            // `void Start() => pending = ring.WriteAtMostAsync(...)`: its call starts the operation, the task in `pending`.
            ILocalSymbol? storedByFunction = null;
            if (started is null && TaskUses.StoredByLocalFunction(context, api, call.TargetMethod) is { } stored)
            {
                (started, storedByFunction) = stored;
            }

            if (started is null)
            {
                continue;
            }

            IInvocationOperation? asTask = storedByFunction is null ? ConvertedToTask(call) : null;
            ILocalSymbol? task = storedByFunction ?? TaskUses.StoredIn(call) ?? (asTask is not null ? TaskUses.StoredIn(asTask) : null);
            Keeping? kept = task is null ? KeptTasks.KeptIn(call) ?? (asTask is not null ? KeptTasks.KeptIn(asTask) : null) : null;
            IInvocationOperation? timedWait = task is null && kept is null && asTask is not null ? TimedWaitOf(asTask) : null;
            string window = task is not null ? "its task '" + task.Name + "' is not awaited yet"
                : TaskUses.IsDiscarded(call) ? "its task is discarded"
                : TaskUses.IsReturned(call) || (asTask is not null && TaskUses.IsReturned(asTask)) ? "its task is returned to the caller"
                : kept is not null ? "its task is kept in '" + kept.Keeper.Name + "' and not awaited yet"
                : timedWait is not null ? "its task is awaited through WaitAsync, which gives up waiting before the operation ends"
                : WrittenToChannel(call) || (asTask is not null && WrittenToChannel(asTask)) ? "its task is written to a channel, which does not wait for it"
                : null!;
            if (window is null)
            {
                // Passed on to code out of sight: where it is awaited is unknown, so stay quiet.
                continue;
            }

            buffers ??= Buffers.Collect(api, body);
            var roots = new List<ISymbol>();
            var arguments = new List<IOperation>();
            List<ISymbol>? filled = null;
            foreach (IArgumentOperation argument in started.Arguments)
            {
                int known = roots.Count;
                AddRoots(api, buffers, body, argument.Value, call.Syntax.SpanStart, roots);
                arguments.Add(argument.Value);
                if (roots.Count > known && argument.Parameter is { } parameter && Publication.IsFilled(parameter.Type))
                {
                    (filled ??= new List<ISymbol>()).AddRange(roots.GetRange(known, roots.Count - known));
                }
            }

            if (started == call && call.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } &&
                !call.TargetMethod.IsStatic && Forwarders.OwnBufferFields(api, call.TargetMethod) is { } own &&
                SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType.OriginalDefinition, (body.Symbol ?? context.Owner)?.ContainingType?.OriginalDefinition))
            {
                // Since session 56: `ValueTask<int> send = StartSend();` with `StartSend() => _ring.SendAsync(_fd, _buffer)`: the
                // forwarder of this object starts the operation on this object's fields.
                foreach (IFieldSymbol field in own)
                {
                    if (!roots.Contains(field))
                    {
                        roots.Add(field);
                    }
                }
            }

            if (kept is { IsContainer: false, Slot: null, Keeper: IFieldSymbol } && roots.Count > 0 &&
                (body.Symbol is null || SymbolEqualityComparer.Default.Equals(body.Symbol, context.Owner)) && FieldsOfThisObject(roots) is { } fields)
            {
                // The task kept in a field of this object, the buffer in another: other members may touch it while in flight.
                BufferFieldsInFlight.Report(context, api, kept.Keeper, fields, call.Syntax, started.TargetMethod.Name);
            }

            if (roots.Count > 0 && (flights ??= new List<Flight>()).Count < 64)
            {
                flights.Add(new Flight(call.Syntax, started.TargetMethod.Name, task, roots, arguments, window)
                {
                    Kept = kept,
                    WaitedBy = timedWait?.Syntax,
                    Filled = filled,
                    MovedTo = MovesAfter(body, buffers, roots, call.Syntax),
                });
            }
        }

        if (flights is null)
        {
            return;
        }

        AddTaskLocals(body, flights);
        AddTimedWaits(body, flights);

        // Flags the code sets to true or false to remember that an operation is pending.
        var flags = new List<ILocalSymbol>();
        foreach (IOperation operation in body.Operations)
        {
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } target } &&
                flags.Count < 32 && !flags.Contains(target.Local))
            {
                flags.Add(target.Local);
            }
            else if (operation is IVariableDeclaratorOperation { Symbol.Type.SpecialType: SpecialType.System_Boolean } declarator &&
                     flags.Count < 32 && !flags.Contains(declarator.Symbol))
            {
                flags.Add(declarator.Symbol);
            }
        }

        ControlFlowGraph? graph = context.GraphOf(body);
        if (graph is not null)
        {
            // Which array each of the locals a copy or swap exchanges names, along the paths (double buffering).
            var flightBuffers = new List<List<ISymbol>>(flights.Count);
            foreach (Flight flight in flights)
            {
                flightBuffers.Add(flight.Buffers);
            }

            BufferNames? names = BufferNames.Collect(body, flightBuffers, context.Model);
            ForwardFlow.Run(graph, new InFlightFlow(context, api, body, buffers!, flights, flags, names));
        }
    }

    /// <summary>
    /// The variables a buffer in flight is copied into after the start (<c>back = front;</c>, the swap of double
    /// buffering <c>(_front, _back) = (_back, _front)</c>), each with the copy: from there on that variable names the
    /// array the operation still uses, so a write through it is a touch (see <see cref="Flight.Has"/>). One level (a copy
    /// of the copy is not followed).
    /// </summary>
    private static List<(ISymbol Alias, SyntaxNode Copy)>? MovesAfter(FunctionBody body, Buffers buffers, List<ISymbol> roots, SyntaxNode call)
    {
        List<(ISymbol Alias, SyntaxNode Copy)>? moved = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation.Syntax.SpanStart <= call.Span.End)
            {
                continue;
            }

            if (operation is ISimpleAssignmentOperation { Target: { } target, Value: { } value })
            {
                Note(target, value, operation.Syntax);
            }
            else if (operation is IDeconstructionAssignmentOperation { Target: ITupleOperation targets } deconstruction &&
                     deconstruction.Value.WithoutConversions() is ITupleOperation values && values.Elements.Length == targets.Elements.Length)
            {
                // The right side is evaluated before any element is assigned: each target gets the value its element had.
                for (int i = 0; i < targets.Elements.Length; i++)
                {
                    Note(targets.Elements[i], values.Elements[i], operation.Syntax);
                }
            }
        }

        return moved;

        void Note(IOperation target, IOperation value, SyntaxNode copy)
        {
            ISymbol? alias = target switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                _ => null,
            };
            if (alias is not null && !roots.Contains(alias, SymbolEqualityComparer.Default) &&
                value.WithoutConversions() is ILocalReferenceOperation or IFieldReferenceOperation or IParameterReferenceOperation &&
                buffers.RootOf(value.WithoutConversions()) is { } root && roots.Contains(root, SymbolEqualityComparer.Default))
            {
                (moved ??= new List<(ISymbol Alias, SyntaxNode Copy)>()).Add((alias, copy));
            }
        }
    }

    private static List<IFieldSymbol>? FieldsOfThisObject(List<ISymbol> roots)
    {
        List<IFieldSymbol>? fields = null;
        foreach (ISymbol root in roots)
        {
            if (root is IFieldSymbol { IsStatic: false } field && !field.ContainingType.IsTupleType)
            {
                (fields ??= new List<IFieldSymbol>()).Add(field);
            }
        }

        return fields;
    }

    /// <summary>
    /// Whether an operation's task is the item written to a <c>ChannelWriter&lt;T&gt;</c> (<c>WriteAsync</c>, <c>TryWrite</c>),
    /// itself or as an element of a tuple (<c>writer.TryWrite((rented, ring.SendAsync(fd, rented)))</c>, since session 56).
    /// The channel only stores it: nothing waits for the operation before this body goes on, so the buffer stays in
    /// flight to its end, as for a discarded task. Known by the writer's type, not by names of this code.
    /// </summary>
    private static bool WrittenToChannel(IOperation task)
    {
        IOperation? parent = task.Parent;
        while (parent is IConversionOperation or ITupleOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WriteAsync" or "TryWrite" } method } } &&
               method.ContainingType.OriginalDefinition is { Name: "ChannelWriter", Arity: 1, ContainingNamespace: { Name: "Channels", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
    }

    /// <summary>
    /// The <c>WaitAsync</c> made right on a Task and awaited at once (<c>await read.AsTask().WaitAsync(timeout, ct)</c>), or null:
    /// the await returns when the operation has completed, and throws the wait's TimeoutException (or, given a token, its
    /// OperationCanceledException) with the operation still running (see <see cref="InFlightFlow.ForHandler"/>).
    /// </summary>
    private static IInvocationOperation? TimedWaitOf(IOperation task) =>
        Outer(task) is IInvocationOperation { TargetMethod.Name: "WaitAsync", Instance: { } instance } wait &&
        instance.WithoutConversions() == task && TaskUses.IsAwaitedAtOnce(wait)
            ? wait
            : null;

    /// <summary><c>x.AsTask()</c> or <c>x.Preserve()</c> made right on <paramref name="task"/>, or null.</summary>
    private static IInvocationOperation? ConvertedToTask(IOperation task)
    {
        IOperation? parent = task.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Instance: { } instance } converted && instance.WithoutConversions() == task
            ? converted
            : null;
    }

    /// <summary>
    /// The locals an operation's task moves on to: <c>Task&lt;int&gt; readTask = read.AsTask();</c> hands the same
    /// operation to <c>readTask</c>, so awaiting <c>readTask</c> (not the AsTask call) ends the window, and so does a
    /// helper's task made of it (<c>Task&lt;int&gt; counted = CountAsync(read);</c>, see <see cref="CarrierOf"/>); the winner of a
    /// <c>Task.WhenAny</c> it is raced in is kept with it, so awaiting the winner ends the window too (quiet, not sure).
    /// </summary>
    private static void AddTaskLocals(FunctionBody body, List<Flight> flights)
    {
        bool added = true;
        for (int pass = 0; added && pass < 4; pass++)
        {
            added = false;
            foreach (IOperation operation in body.Operations)
            {
                ILocalReferenceOperation? from = null;
                ILocalSymbol? to = null;
                if (operation is IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Instance: { } instance } converted &&
                    instance.WithoutConversions() is ILocalReferenceOperation convertedFrom)
                {
                    (from, to) = (convertedFrom, TaskUses.StoredIn(converted));
                }
                else if (operation is ILocalReferenceOperation carried && CarrierOf(carried) is { } carrier)
                {
                    // `Task<int> counted = CountAsync(read);`: the helper's task carries the operation.
                    (from, to) = (carried, TaskUses.StoredIn(carrier));
                }
                else if (operation is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true, ContainingType.Name: "Task" } } all &&
                         TaskUses.StoredIn(all) is { } allLocal)
                {
                    // `Task all = Task.WhenAll(batch.Pending);` (since round 49): the local holds every task the collection
                    // keeps, so the operations kept there stay in flight until it is awaited.
                    foreach (Flight flight in flights)
                    {
                        if (flight.Kept is { IsContainer: true } kept && !flight.Holds(allLocal) && HandsOn(all, kept))
                        {
                            flight.Tasks.Add(allLocal);
                            added = true;
                        }
                    }
                }
                else if (operation is ILocalReferenceOperation raced && RaceOf(raced) is { } race)
                {
                    // `var winner = await Task.WhenAny(readTask, delay);`: awaiting the winner may be awaiting the operation.
                    (from, to) = (raced, TaskUses.StoredIn((IOperation?)AwaitOf(race) ?? race));
                }

                if (from is not null && to is not null)
                {
                    foreach (Flight flight in flights)
                    {
                        if (flight.Holds(from!.Local) && !flight.Holds(to!))
                        {
                            flight.Tasks.Add(to);
                            added = true;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether a <c>Task.WhenAll</c> call is given the collection an operation's task is kept in, as itself.</summary>
    private static bool HandsOn(IInvocationOperation all, Keeping kept)
    {
        foreach (IArgumentOperation argument in all.Arguments)
        {
            if (KeptTasks.SymbolOf(argument.Value.WithoutConversions()) is { } keeper && SymbolEqualityComparer.Default.Equals(keeper, kept.Keeper))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A task kept in a local and later awaited through a <c>WaitAsync</c> made on its <c>AsTask()</c> in place
    /// (<c>ValueTask&lt;int&gt; receive = ring.ReceiveAsync(...); ... await receive.AsTask().WaitAsync(timeout, ct);</c>):
    /// that await ends the window only where it returns, as for the same wait made where the operation starts; its
    /// TimeoutException leaves the operation running (since round 47). Only when the body makes one such wait of the local.
    /// </summary>
    private static void AddTimedWaits(FunctionBody body, List<Flight> flights)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Instance: { } instance } converted ||
                instance.WithoutConversions() is not ILocalReferenceOperation local || TimedWaitOf(converted) is not { } wait)
            {
                continue;
            }

            foreach (Flight flight in flights)
            {
                if (flight.Task is { } task && SymbolEqualityComparer.Default.Equals(task, local.Local) && flight.Kept is null)
                {
                    // A second such wait of the same local: which one returns first is a path, not followed.
                    flight.WaitedBy = flight.WaitedBy is null ? wait.Syntax : flight.WaitedBy == wait.Syntax ? wait.Syntax : null;
                }
            }
        }
    }

    /// <summary>
    /// Whether this reference to a local holding the operation's task ends the window this body can see: it is awaited,
    /// or handed on out of sight (passed to a call, put in an array, returned). Not so: asking whether it completed,
    /// comparing it with what <c>Task.WhenAny</c> returned, racing it against a delay in <c>Task.WhenAny</c> whose winner
    /// the code keeps in sight, turning it into a Task kept in a local of its own, handing it to a helper whose task
    /// is returned or kept in such a local (<see cref="CarrierOf"/>), and <c>await t.WaitAsync(timeout)</c>, which ends
    /// it only where the await returns (see <see cref="InFlightFlow"/>).
    /// </summary>
    private static bool EndsWindow(ILocalReferenceOperation reference, Flight flight)
    {
        IOperation? consumption = TaskUses.Consumption(reference);
        switch (consumption)
        {
            case IReturnOperation:
            case not null when consumption == reference:
                // Returned to the caller: still in flight as the function leaves, through its finally and using scopes.
                return false;
            case IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve" } converted when flight.WaitedBy is { } waitedBy && TimedWaitOf(converted)?.Syntax == waitedBy:
                // `await receive.AsTask().WaitAsync(timeout, ct)` (since round 47): ends only where that await returns (see
                // AddTimedWaits and InFlightFlow.ForHandler).
                return false;
            case IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve" } converted:
                // Made into a Task nothing keeps (Task.WhenAny(read.AsTask(), delay)): what becomes of it is out of sight.
                return !(TaskUses.StoredIn(converted) is { } to && flight.Holds(to));
            case IArgumentOperation when CarrierOf(reference) is { } carrier:
                // Handed to a helper whose task carries it: returned, or kept in a local of the operation's, it is still
                // in flight as the function leaves or until that local is awaited.
                // Since round 57 also through the ValueTask made over the helper's Task (`return new
                // ValueTask<string>(ParseWhenReceivedAsync(receive, owner.Memory));`, a ValueTask fast path's slow side).
                IOperation carried = (IOperation?)ValueTaskOver(carrier) ?? carrier;
                return !(TaskUses.IsReturned(carried) || (TaskUses.StoredIn(carried) is { } kept && flight.Holds(kept)));
            case IArgumentOperation:
                return !IsRacedInSight(reference, flight);
            case not null:
                return true;
        }

        IOperation? parent = Outer(reference);
        return parent switch
        {
            // Task.WhenAll(first, second) passes them in an array (or a params span, a collection the compiler makes);
            // so does new[] { first, second } stored for later.
            IArrayInitializerOperation => !IsRacedInSight(reference, flight),
            { IsImplicit: true } when IsCollectionElement(parent) => !IsRacedInSight(reference, flight),
            IInvocationOperation { TargetMethod.Name: "WaitAsync" } wait => !TaskUses.IsAwaitedAtOnce(wait),
            _ => false,
        };
    }

    /// <summary>
    /// Whether a task is raced in <c>Task.WhenAny</c> (directly or in the array passed to it), which ends when any task
    /// completes with the others still running, and the code keeps the race in sight: it compares the winner with
    /// something (<c>if (await Task.WhenAny(readTask, delay) != readTask) throw ...;</c>) or keeps it in a local that is
    /// one of the operation's. Otherwise (<c>await await Task.WhenAny(...)</c>) the wait is out of sight and ends the window.
    /// </summary>
    private static bool IsRacedInSight(IOperation task, Flight flight)
    {
        if (RaceOf(task) is not { } race)
        {
            return false;
        }

        IOperation? winner = Outer((IOperation?)AwaitOf(race) ?? race);

        return winner switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
            // Since session 58: `await Task.WhenAny(write, Task.Delay(Timeout.Infinite, stoppingToken));` with the winner
            // dropped: the race only waited, and the operation may still run after it (an `IsCompleted` test, see
            // CompletedOn, or an await of the task tells).
            IExpressionStatementOperation => true,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => flight.Holds(declarator.Symbol),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => flight.Holds(target.Local),
            _ => false,
        };
    }

    /// <summary>
    /// The call a task is handed to as a task (its parameter a <c>Task</c> or <c>ValueTask</c>) that gives back a task of
    /// its own, or null: <c>CopyOutAsync(read, staging, destination)</c>. That task ends no sooner than the helper is done
    /// with the operation, which it was given to await (the way async helpers are written), so whoever awaits it has
    /// waited for the operation, and a function that returns it leaves with the operation in flight. Not a race
    /// (<c>Task.WhenAny</c>, whose task ends with the first of its tasks, see <see cref="IsRacedInSight"/>).
    /// </summary>
    private static IInvocationOperation? CarrierOf(ILocalReferenceOperation task)
    {
        IOperation? parent = Outer(task);
        return parent is IArgumentOperation { Parameter.Type: INamedTypeSymbol parameter, Parent: IInvocationOperation carrier } &&
               IsTaskType(parameter) && carrier.TargetMethod.ReturnType is INamedTypeSymbol result && IsTaskType(result) &&
               RaceOf(task) is null
            ? carrier
            : null;
    }

    /// <summary>
    /// The <c>new ValueTask&lt;T&gt;(task)</c> (or <c>new ValueTask(task)</c>) a helper's task is wrapped in, or null: the
    /// ValueTask ends when that task does.
    /// </summary>
    private static IObjectCreationOperation? ValueTaskOver(IInvocationOperation carrier) =>
        Outer(carrier) is IArgumentOperation { Parent: IObjectCreationOperation { Arguments.Length: 1, Type: INamedTypeSymbol { Name: "ValueTask" } created } creation } &&
        IsTaskType(created)
            ? creation
            : null;

    /// <summary><c>System.Threading.Tasks.Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    private static bool IsTaskType(INamedTypeSymbol type) =>
        type is { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The <c>Task.WhenAny</c> call a task is an argument of, directly or in the array passed to it.</summary>
    private static IInvocationOperation? RaceOf(IOperation task)
    {
        IOperation? parent = task.Parent;
        while (parent is IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation || (parent is { IsImplicit: true } && IsCollectionElement(parent)))
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "WhenAny" } method } race } &&
               method.ContainingType is { Name: "Task", ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } }
            ? race
            : null;
    }

    /// <summary>
    /// Whether an implicit operation is the collection a <c>params ReadOnlySpan&lt;Task&gt;</c> argument is made of
    /// (<c>Task.WhenAll(first, second)</c> on .NET 9 and later; Roslyn 4.8 has no type for it, so it is known by its place).
    /// </summary>
    private static bool IsCollectionElement(IOperation collection) =>
        collection.Parent is IArgumentOperation { ArgumentKind: not ArgumentKind.Explicit } && collection is not (IConversionOperation or IArrayCreationOperation);

    /// <summary>The <c>await</c> of a call's task, through <c>ConfigureAwait</c>, or null when it is not awaited there.</summary>
    private static IAwaitOperation? AwaitOf(IOperation call)
    {
        IOperation? parent = Outer(call);
        while (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configured && instance.WithoutConversions() == call)
        {
            call = configured;
            parent = Outer(configured);
        }

        return parent as IAwaitOperation;
    }

    private static IOperation? Outer(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>The local whose task <c>await t.WaitAsync(...)</c> waits for, when that await's operand is such a call.</summary>
    private static ILocalSymbol? WaitedWithTimeout(IAwaitOperation wait) =>
        WaitAsyncAwaited(wait) is { Instance: { } instance } && instance.WithoutConversions() is ILocalReferenceOperation local ? local.Local : null;

    /// <summary>The <c>WaitAsync</c> call an await's operand is (through <c>ConfigureAwait</c>), or null.</summary>
    private static IInvocationOperation? WaitAsyncAwaited(IAwaitOperation wait)
    {
        IOperation operand = wait.Operation.WithoutConversions();
        while (operand is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            operand = configured.WithoutConversions();
        }

        return operand is IInvocationOperation { TargetMethod.Name: "WaitAsync" } call ? call : null;
    }

    /// <summary>
    /// The buffers behind an argument: one, or each element of an array or list of them (the segments of a vectored
    /// read or write), and the arguments of a <c>RingRequest</c> factory (<c>ring.SubmitAsync(RingRequest.ReadV(fd,
    /// segments, 0))</c>, also through a local holding the request). Segments are followed in the call, in the
    /// initializer of the local passed to it and in what the code puts into that local before the call
    /// (<see cref="SegmentsOf"/>).
    /// </summary>
    private static void AddRoots(AsyncSysApi api, Buffers buffers, FunctionBody body, IOperation value, int before, List<ISymbol> roots, int depth = 0)
    {
        value = value.WithoutConversions();
        if (depth < 4 && RequestArguments(api, body, value) is { } request)
        {
            foreach (IArgumentOperation argument in request)
            {
                AddRoots(api, buffers, body, argument.Value, before, roots, depth + 1);
            }

            return;
        }

        if (depth < 4 && SegmentsOf(body, value, before) is { } segments)
        {
            foreach (IOperation element in segments)
            {
                AddRoots(api, buffers, body, element, before, roots, depth + 1);
            }

            if (value is not ILocalReferenceOperation segmentsLocal)
            {
                return;
            }

            // The array or list itself: a write through it (`segments[1].Span.Clear()`) reaches a segment.
            roots.Add(segmentsLocal.Local);
            return;
        }

        ISymbol? root = buffers.RootOf(value);
        if (root is not null)
        {
            roots.Add(root);
        }
    }

    /// <summary>The arguments of the <c>RingRequest</c> factory call a value is, or that initialized the local it reads.</summary>
    private static ImmutableArray<IArgumentOperation>? RequestArguments(AsyncSysApi api, FunctionBody body, IOperation value)
    {
        if (api.RingRequest is null || !SymbolEqualityComparer.Default.Equals(value.Type, api.RingRequest))
        {
            return null;
        }

        if (value is ILocalReferenceOperation { Local: { } local })
        {
            value = InitialValue(body, local)?.WithoutConversions()!;
        }

        return value is IInvocationOperation factory && api.IsRingRequestFactory(factory.TargetMethod) ? factory.Arguments : null;
    }

    private static IOperation? InitialValue(FunctionBody body, ILocalSymbol local)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The elements of <c>new[] { a, b }</c>, <c>new List&lt;Memory&lt;byte&gt;&gt; { a, b }</c> or <c>[a, b]</c>, given
    /// directly or as the local it initialized (<c>var segments = new[] { header, payload }; ring.WriteAsync(fd,
    /// segments, ...)</c>); for a local, also what the code puts into it before <paramref name="before"/>:
    /// <c>segments.Add(header)</c>, <c>segments.Insert(0, header)</c>, <c>segments[0] = header</c>.
    /// </summary>
    private static List<IOperation>? SegmentsOf(FunctionBody body, IOperation value, int before)
    {
        if (value is ILocalReferenceOperation { Local: { } local })
        {
            List<IOperation>? elements = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation.Syntax.SpanStart >= before)
                {
                    continue;
                }

                IOperation? put = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) =>
                        declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value,
                    IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: ILocalReferenceOperation target } add
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => add.Arguments[0].Value,
                    IInvocationOperation { TargetMethod.Name: "Insert", Arguments.Length: 2, Instance: ILocalReferenceOperation target } insert
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => insert.Arguments[1].Value,
                    ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation target } } element
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => element.Value,
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation target } } element
                        when SymbolEqualityComparer.Default.Equals(target.Local, local) => element.Value,
                    _ => null,
                };
                if (put is null)
                {
                    continue;
                }

                // The initializer's elements, or the one buffer put in.
                if (operation is IVariableDeclaratorOperation)
                {
                    if (SegmentsOf(body, put.WithoutConversions(), before) is { } initial)
                    {
                        (elements ??= new List<IOperation>()).AddRange(initial);
                    }
                }
                else
                {
                    (elements ??= new List<IOperation>()).Add(put);
                }
            }

            return elements;
        }

        if (value is IArrayCreationOperation { Initializer: { } array })
        {
            return new List<IOperation>(array.ElementValues);
        }

        if (value is IObjectCreationOperation { Initializer: { } collection })
        {
            var added = new List<IOperation>();
            foreach (IOperation initializer in collection.Initializers)
            {
                if (initializer is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                {
                    added.Add(add.Arguments[0].Value);
                }
            }

            return added.Count > 0 ? added : null;
        }

        if (value.Syntax is CollectionExpressionSyntax)
        {
            // [header, body]: Roslyn 4.8 has no operation type for it; its children are the elements (a spread `..x` is
            // not followed).
            var elements = new List<IOperation>();
            foreach (IOperation element in value.ChildOperations)
            {
                elements.Add(element);
            }

            return elements.Count > 0 ? elements : null;
        }

        return null;
    }

    /// <summary>One operation that may stay in flight past its call: where it is made, its buffers, and the locals holding its task.</summary>
    private sealed class Flight
    {
        public Flight(SyntaxNode call, string name, ILocalSymbol? task, List<ISymbol> buffers, List<IOperation> arguments, string window)
        {
            Arguments = arguments;
            Call = call;
            Name = name;
            Task = task;
            Buffers = buffers;
            Window = window;
            if (task is not null)
            {
                Tasks.Add(task);
            }
        }

        public SyntaxNode Call { get; }

        public string Name { get; }

        /// <summary>The local the call's task is first stored in.</summary>
        public ILocalSymbol? Task { get; }

        /// <summary>That local and the locals its AsTask() is kept in: each of them is the same operation.</summary>
        public List<ILocalSymbol> Tasks { get; } = new();

        public bool Holds(ILocalSymbol local)
        {
            foreach (ILocalSymbol task in Tasks)
            {
                if (SymbolEqualityComparer.Default.Equals(task, local))
                {
                    return true;
                }
            }

            return false;
        }

        public List<ISymbol> Buffers { get; }

        /// <summary>The buffers the operation writes into (given as <c>Memory&lt;T&gt;</c>), or null: publishing them is a touch.</summary>
        public List<ISymbol>? Filled { get; set; }

        /// <summary>The values the operation was given, to tell which part of a buffer it holds.</summary>
        public List<IOperation> Arguments { get; }

        public string Window { get; }

        /// <summary>Where the task is kept when not in a local: a tuple, a collection's element, a member.</summary>
        public Keeping? Kept { get; set; }

        /// <summary>The <c>WaitAsync</c> call the operation's Task is awaited through where it is made (see <see cref="TimedWaitOf"/>), or null.</summary>
        public SyntaxNode? WaitedBy { get; set; }

        /// <summary>Variables a buffer was copied into after the start, and the copies (see <see cref="MovesAfter"/>), or null.</summary>
        public List<(ISymbol Alias, SyntaxNode Copy)>? MovedTo { get; set; }

        /// <summary>
        /// Whether <paramref name="buffer"/>, touched by <paramref name="touch"/>, is one the operation has: one it was
        /// given, or a variable a copy put it in, when the touch follows the copy in the block the copy is written in
        /// (not in a <c>catch</c> or <c>finally</c> of that block, which a throw before the copy may reach).
        /// </summary>
        public bool Has(ISymbol buffer, IOperation touch)
        {
            if (Buffers.Contains(buffer))
            {
                return true;
            }

            foreach ((ISymbol alias, SyntaxNode copy) in MovedTo ?? Enumerable.Empty<(ISymbol, SyntaxNode)>())
            {
                if (SymbolEqualityComparer.Default.Equals(alias, buffer) && touch.Syntax.SpanStart >= copy.Span.End &&
                    FollowsInBlock(copy, touch.Syntax))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool FollowsInBlock(SyntaxNode copy, SyntaxNode touch)
        {
            SyntaxNode? block = copy.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax or SwitchSectionSyntax);
            for (SyntaxNode? node = touch.Parent; node is not null; node = node.Parent)
            {
                if (node == block)
                {
                    return true;
                }

                if (node is CatchClauseSyntax or FinallyClauseSyntax or MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return false;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// One way through the code so far: the operations in flight, the flags known true or false, and the text writers that
    /// may still hold text (see <see cref="HeldText"/>).
    /// </summary>
    private readonly struct Path : System.IEquatable<Path>
    {
        public Path(ulong flights, uint isTrue, uint isFalse, uint holding, ulong names)
        {
            Flights = flights;
            IsTrue = isTrue;
            IsFalse = isFalse;
            Holding = holding;
            Names = names;
        }

        public ulong Flights { get; }

        public uint IsTrue { get; }

        public uint IsFalse { get; }

        public uint Holding { get; }

        /// <summary>Which array each followed buffer local names, and which each operation was started on (see <see cref="BufferNames"/>).</summary>
        public ulong Names { get; }

        public Path With(ulong flights, uint isTrue, uint isFalse, uint holding) => new(flights, isTrue, isFalse, holding, Names);

        public bool Equals(Path other) =>
            Flights == other.Flights && IsTrue == other.IsTrue && IsFalse == other.IsFalse && Holding == other.Holding && Names == other.Names;

        public override bool Equals(object? obj) => obj is Path other && Equals(other);

        public override int GetHashCode() => (Flights ^ ((ulong)IsTrue << 32) ^ IsFalse ^ ((ulong)Holding << 16) ^ Names).GetHashCode();
    }

    /// <summary>
    /// The ways through the code that reach a point, kept apart (up to a few) so that a flag set together with a
    /// pending operation (<c>hasPending = true</c>) still says, at <c>if (hasPending) await pending;</c>, that the
    /// operation is awaited on the path where it is in flight.
    /// </summary>
    private readonly struct InFlight : System.IEquatable<InFlight>
    {
        private const int MaxPaths = 8;

        private InFlight(Path[] paths) => Paths = paths;

        public Path[] Paths { get; }

        public static InFlight StartWith(uint holding, ulong names) => new(new[] { new Path(0, 0, 0, holding, names) });

        public static InFlight Of(List<Path> paths)
        {
            var distinct = new List<Path>(paths.Count);
            foreach (Path path in paths)
            {
                if (!distinct.Contains(path))
                {
                    distinct.Add(path);
                }
            }

            if (distinct.Count > MaxPaths)
            {
                // Too many to keep apart: one path with everything that may be in flight and only what all agree on.
                ulong flights = 0;
                uint isTrue = uint.MaxValue, isFalse = uint.MaxValue, holding = 0;
                ulong names = distinct[0].Names;
                foreach (Path path in distinct)
                {
                    flights |= path.Flights;
                    isTrue &= path.IsTrue;
                    isFalse &= path.IsFalse;
                    holding |= path.Holding;
                    names = path.Names == names ? names : BufferNames.Unknown;
                }

                distinct.Clear();
                distinct.Add(new Path(flights, isTrue, isFalse, holding, names));
            }

            distinct.Sort(static (a, b) => a.Flights != b.Flights ? a.Flights.CompareTo(b.Flights)
                : a.IsTrue != b.IsTrue ? a.IsTrue.CompareTo(b.IsTrue)
                : a.IsFalse != b.IsFalse ? a.IsFalse.CompareTo(b.IsFalse)
                : a.Holding != b.Holding ? a.Holding.CompareTo(b.Holding) : a.Names.CompareTo(b.Names));
            return new InFlight(distinct.ToArray());
        }

        public bool Equals(InFlight other)
        {
            if (Paths.Length != other.Paths.Length)
            {
                return false;
            }

            for (int i = 0; i < Paths.Length; i++)
            {
                if (!Paths[i].Equals(other.Paths[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is InFlight other && Equals(other);

        public override int GetHashCode() => Paths.Length;
    }

    private sealed class InFlightFlow : IFlowRule<InFlight>, IChoosesThrowPoints, IChoosesHandlerFacts<InFlight>
    {
        private readonly CodeRootContext _context;
        private readonly AsyncSysApi _api;
        private readonly FunctionBody _body;
        private readonly Buffers _buffers;
        private readonly List<Flight> _flights;
        private readonly List<ILocalSymbol> _flags;
        private readonly HashSet<SyntaxNode> _reported = new();

        // Which array each local of a copy or swap names along the paths, or null when the body has none to follow.
        private readonly BufferNames? _names;

        // The text writers whose last flush writes into a buffer only while they hold text, or null when the body has none.
        private readonly HeldText? _heldText;

        // Whether some operation's task is kept in a tuple, collection or member (its reads are events then).
        private readonly bool _anyKept;

        // Some operation fills its buffer (a read, a receive): element reads are events then (since session 58).
        private readonly bool _anyFilled;

        // The loops that read back every task a keeper holds (`foreach (var (page, read) in batch) await read;`): leaving
        // them normally, every one has been awaited or handed on. Keyed by the loop's condition (MoveNext, or a for's test).
        private readonly Dictionary<SyntaxNode, ulong>? _loopsEnding;

        public InFlightFlow(CodeRootContext context, AsyncSysApi api, FunctionBody body, Buffers buffers, List<Flight> flights, List<ILocalSymbol> flags, BufferNames? names)
        {
            _names = names;
            _context = context;
            _api = api;
            _body = body;
            _buffers = buffers;
            _flights = flights;
            _flags = flags;
            _heldText = HeldText.Collect(body, buffers, context.Root.Syntax);
            foreach (Flight flight in flights)
            {
                _anyKept |= flight.Kept is not null;
                _anyFilled |= flight.Filled is not null;
            }

            if (_anyKept)
            {
                _loopsEnding = LoopsEnding(body, buffers, flights);
            }
        }

        /// <summary>The foreach and for loops whose body reads back a kept task (see <see cref="KeptTasks.Ends"/>), and which flights they end.</summary>
        private static Dictionary<SyntaxNode, ulong>? LoopsEnding(FunctionBody body, Buffers buffers, List<Flight> flights)
        {
            Dictionary<SyntaxNode, ulong>? loops = null;
            foreach (IOperation operation in body.Operations)
            {
                (SyntaxNode? exit, IOperation? loopBody) = operation switch
                {
                    // The graph's MoveNext carries the syntax of the collection.
                    IForEachLoopOperation loop => (loop.Collection.Syntax, loop.Body),
                    IForLoopOperation { Condition: { } condition } loop => (condition.Syntax, loop.Body),
                    _ => (null, null),
                };
                if (exit is null || loopBody is null)
                {
                    continue;
                }

                ulong ended = 0;
                foreach (IOperation inside in loopBody.Descendants())
                {
                    if (inside is not (ILocalReferenceOperation or IFieldReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation))
                    {
                        continue;
                    }

                    for (int i = 0; i < flights.Count; i++)
                    {
                        if (flights[i].Kept is { } kept && KeptTasks.Ends(inside, kept, buffers))
                        {
                            ended |= 1UL << i;
                        }
                    }
                }

                if (ended != 0)
                {
                    (loops ??= new Dictionary<SyntaxNode, ulong>())[exit] = ended;
                }
            }

            return loops;
        }

        /// <summary>
        /// The flights kept in a collection that <paramref name="condition"/>, being <paramref name="value"/>, says is empty
        /// (<c>pending.Count &gt; 0</c> false, <c>Count == 0</c>, <c>!pending.Any()</c>, <c>IsEmpty</c>): none of its tasks is
        /// in it any more, so leaving <c>while (pending.Count &gt; 0) { done = await Task.WhenAny(pending); pending.Remove(done); ... }</c>
        /// every one has been taken out (each <c>Remove</c> ends it) or was never added (no pass of the loop that filled it).
        /// </summary>
        private ulong EmptiedOn(IOperation condition, bool value)
        {
            (IOperation? collection, bool? emptyWhen) = condition switch
            {
                IBinaryOperation binary when IsZero(binary.RightOperand) && SizeOf(binary.LeftOperand) is { } left =>
                    (left, EmptyWhen(binary.OperatorKind, zeroOnLeft: false)),
                IBinaryOperation binary when IsZero(binary.LeftOperand) && SizeOf(binary.RightOperand) is { } right =>
                    (right, EmptyWhen(binary.OperatorKind, zeroOnLeft: true)),
                IInvocationOperation { TargetMethod: { Name: "Any", IsStatic: true, ContainingType.Name: "Enumerable" }, Arguments.Length: 1 } any =>
                    (any.Arguments[0].Value.WithoutConversions(), false),
                IPropertyReferenceOperation { Property.Name: "IsEmpty", Instance: { } instance } => (instance.WithoutConversions(), true),
                _ => (null, null),
            };
            if (collection is null || emptyWhen != value || KeptTasks.SymbolOf(collection) is not { } keeper)
            {
                return 0;
            }

            ulong emptied = 0;
            for (int i = 0; i < _flights.Count; i++)
            {
                if (_flights[i].Kept is { IsContainer: true } kept && SymbolEqualityComparer.Default.Equals(kept.Keeper, keeper))
                {
                    emptied |= 1UL << i;
                }
            }

            return emptied;

            static bool IsZero(IOperation operand) => operand.WithoutConversions().ConstantValue is { HasValue: true, Value: 0 };

            static IOperation? SizeOf(IOperation operand) =>
                operand.WithoutConversions() is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: { } instance } ? instance.WithoutConversions() : null;

            // Which value of `size op 0` (or `0 op size`) says the collection is empty; null when neither does (`size >= 0`).
            static bool? EmptyWhen(BinaryOperatorKind kind, bool zeroOnLeft) => kind switch
            {
                BinaryOperatorKind.Equals => true,
                BinaryOperatorKind.NotEquals => false,
                BinaryOperatorKind.GreaterThan when !zeroOnLeft => false,
                BinaryOperatorKind.LessThan when zeroOnLeft => false,
                BinaryOperatorKind.LessThanOrEqual when !zeroOnLeft => true,
                BinaryOperatorKind.GreaterThanOrEqual when zeroOnLeft => true,
                _ => null,
            };
        }

        /// <summary>
        /// Since session 58: the flights whose task local a condition finds completed (<c>write.IsCompleted</c> true, also
        /// <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>, <c>IsCanceled</c>): a task of an operation (or its AsTask) ends
        /// with the operation, so on that branch nothing is in flight (after a race whose winner was dropped).
        /// </summary>
        private ulong CompletedOn(IOperation condition, bool value)
        {
            if (!value || condition is not IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled", Instance: { } instance } ||
                instance.WithoutConversions() is not ILocalReferenceOperation { Local: var local })
            {
                return 0;
            }

            ulong completed = 0;
            for (int i = 0; i < _flights.Count; i++)
            {
                if (_flights[i].Holds(local))
                {
                    completed |= 1UL << i;
                }
            }

            return completed;
        }

        /// <summary>
        /// The flights whose task local <paramref name="condition"/> finds null on this edge (since round 53: a tick loop's
        /// <c>if (inFlight is not null) await inFlight;</c>, where the first pass has nothing in flight): a local that holds
        /// the operation's task is not null. Only for a local the body never sets to null after its declaration, so a task
        /// dropped by <c>inFlight = null;</c> while it runs is still followed.
        /// </summary>
        private ulong NullOn(IOperation condition, bool value)
        {
            (IOperation? tested, bool? nullWhen) = condition switch
            {
                IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsNull(constant.Value) => (pattern.Value, (bool?)true),
                IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } pattern when IsNull(constant.Value) => (pattern.Value, false),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary when IsNull(binary.RightOperand) =>
                    (binary.LeftOperand, binary.OperatorKind == BinaryOperatorKind.Equals),
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary when IsNull(binary.LeftOperand) =>
                    (binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals),
                _ => ((IOperation?)null, (bool?)null),
            };
            if (nullWhen != value || tested?.WithoutConversions() is not ILocalReferenceOperation { Local: var local } || SetToNull(local))
            {
                return 0;
            }

            ulong emptied = 0;
            for (int i = 0; i < _flights.Count; i++)
            {
                if (_flights[i].Tasks.Contains(local, SymbolEqualityComparer.Default))
                {
                    emptied |= 1UL << i;
                }
            }

            return emptied;

            static bool IsNull(IOperation operand) => operand.WithoutConversions() is { ConstantValue: { HasValue: true, Value: null } };

            bool SetToNull(ILocalSymbol candidate)
            {
                foreach (IOperation operation in _body.Operations)
                {
                    if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var assigned } &&
                        SymbolEqualityComparer.Default.Equals(target.Local, candidate) && (IsNull(assigned) || assigned.WithoutConversions() is IDefaultValueOperation))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The flights a loop's exit ends, when <paramref name="condition"/> is the test of a loop that reads back their kept tasks.</summary>
        private ulong EndedByLeaving(IOperation condition)
        {
            if (_loopsEnding is null)
            {
                return 0;
            }

            // A foreach's MoveNext carries its collection's syntax; a for's test is its own.
            bool isTest = condition is IInvocationOperation { TargetMethod.Name: "MoveNext" or "MoveNextAsync" } ||
                          condition.Syntax.Parent is ForStatementSyntax { Condition: { } test } && test == condition.Syntax;
            return isTest && _loopsEnding.TryGetValue(condition.Syntax, out ulong ended) ? ended : 0;
        }

        public InFlight Entry => InFlight.StartWith(_heldText?.AtEntry ?? 0, _names?.Entry ?? 0);

        /// <summary>
        /// Not the start of one of the operations followed: starting several and then awaiting them together
        /// (<c>Task.WhenAll</c>) is how code runs them at once, and a start throws only for an invalid argument or a
        /// ring disposed or quiesced to fail fast, where the operations already started are being ended too.
        /// </summary>
        public bool MayThrow(IOperation operation)
        {
            if (operation is IInvocationOperation call)
            {
                foreach (Flight flight in _flights)
                {
                    if (flight.Call == call.Syntax)
                    {
                        return false;
                    }
                }
            }

            return ThrowPoints.MayThrow(operation);
        }

        public bool ChoosesFor(IOperation operation) => operation is IAwaitOperation wait && (WaitedWithTimeout(wait) is not null || WaitedInPlace(wait) != 0);

        /// <summary>The flights whose Task is awaited through this await's <c>WaitAsync</c>, made where the operation starts.</summary>
        private ulong WaitedInPlace(IAwaitOperation wait)
        {
            if (WaitAsyncAwaited(wait) is not { } call)
            {
                return 0;
            }

            ulong waited = 0;
            for (int i = 0; i < _flights.Count; i++)
            {
                if (_flights[i].WaitedBy == call.Syntax)
                {
                    waited |= 1UL << i;
                }
            }

            return waited;
        }

        /// <summary>
        /// <c>await t.WaitAsync(timeout)</c> throws with <c>t</c> still running only its <c>TimeoutException</c> (and, given
        /// a token, an <c>OperationCanceledException</c>); any other exception from it is <c>t</c>'s own, so <c>t</c> has
        /// ended, or an invalid timeout (the caller's bug, as for <c>Task.Delay</c>, see <see cref="ThrowPoints"/>). Those
        /// two reach the first catch of their type and the finally regions on the way to it: a <c>catch (TimeoutException)</c>
        /// that cancels and awaits the read keeps an outer <c>finally</c> from ever seeing it in flight.
        /// </summary>
        public InFlight ForHandler(IOperation operation, InFlight state, IReadOnlyList<ControlFlowRegion> handlers, int index)
        {
            var wait = (IAwaitOperation)operation;
            Compilation compilation = _context.Model.Compilation;
            bool pending = Reaches(compilation.GetTypeByMetadataName("System.TimeoutException"), handlers, index) ||
                           (WaitAsyncTakesToken(wait) && Reaches(compilation.GetTypeByMetadataName("System.OperationCanceledException"), handlers, index));
            return pending ? state : Apply(operation, state, report: false);
        }

        // Whether an exception of this type, thrown where these handlers are fed, reaches handlers[index]: that region
        // catches it (or is a finally) and no catch before it (innermost first, without a filter) takes it.
        private static bool Reaches(INamedTypeSymbol? exception, IReadOnlyList<ControlFlowRegion> handlers, int index)
        {
            if (exception is null)
            {
                return true;
            }

            for (int i = 0; i < index; i++)
            {
                if (handlers[i].Kind == ControlFlowRegionKind.Catch && Catches(handlers[i], exception))
                {
                    return false;
                }
            }

            return handlers[index].Kind == ControlFlowRegionKind.Finally || Catches(handlers[index], exception);
        }

        private static bool Catches(ControlFlowRegion handler, INamedTypeSymbol exception)
        {
            if (handler.ExceptionType is not { SpecialType: not SpecialType.System_Object } caught)
            {
                return true;
            }

            for (ITypeSymbol? type = exception; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, caught))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WaitAsyncTakesToken(IAwaitOperation wait)
        {
            IOperation operand = wait.Operation.WithoutConversions();
            while (operand is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                operand = configured.WithoutConversions();
            }

            if (operand is IInvocationOperation call)
            {
                foreach (IParameterSymbol parameter in call.TargetMethod.Parameters)
                {
                    if (parameter.Type is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public InFlight Join(InFlight first, InFlight second)
        {
            var paths = new List<Path>(first.Paths);
            paths.AddRange(second.Paths);
            return InFlight.Of(paths);
        }

        /// <summary>
        /// An operation whose call throws never started; an await that throws (a WaitAsync timeout) has not seen the
        /// operation complete; anything else (a consumption) has happened.
        /// </summary>
        public bool TakesEffectWhenThrowing(IOperation operation) => operation is not (IInvocationOperation or IAwaitOperation);

        public bool IsEvent(IOperation operation) => operation is
            IInvocationOperation or ILocalReferenceOperation or ISimpleAssignmentOperation or ICompoundAssignmentOperation or
            IIncrementOrDecrementOperation or ICoalesceAssignmentOperation or IAwaitOperation ||
            (_names is not null && operation is IDeconstructionAssignmentOperation) ||
            (_anyKept && operation is IFieldReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation) ||
            (_anyFilled && operation is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true }) ||
            (_heldText is not null && _heldText.MayChange(operation));

        public InFlight? Assume(IOperation condition, InFlight state, bool value)
        {
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                value = !value;
            }

            ulong left = (value ? 0 : EndedByLeaving(condition)) | EmptiedOn(condition, value) | NullOn(condition, value) | CompletedOn(condition, value);
            if (left != 0)
            {
                var after = new List<Path>(state.Paths.Length);
                foreach (Path path in state.Paths)
                {
                    after.Add(path.With(path.Flights & ~left, path.IsTrue, path.IsFalse, path.Holding));
                }

                state = InFlight.Of(after);
            }

            int flag = condition is ILocalReferenceOperation local ? _flags.IndexOf(local.Local) : -1;
            if (flag < 0)
            {
                return state;
            }

            uint bit = 1U << flag;
            var kept = new List<Path>();
            foreach (Path path in state.Paths)
            {
                if (((value ? path.IsFalse : path.IsTrue) & bit) != 0)
                {
                    continue;
                }

                kept.Add(value ? path.With(path.Flights, path.IsTrue | bit, path.IsFalse, path.Holding) : path.With(path.Flights, path.IsTrue, path.IsFalse | bit, path.Holding));
            }

            return kept.Count == 0 ? null : InFlight.Of(kept);
        }

        public InFlight Apply(IOperation operation, InFlight state, bool report)
        {
            ulong started = 0;
            if (operation is IInvocationOperation call)
            {
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (_flights[i].Call == call.Syntax)
                    {
                        started |= 1UL << i;
                    }
                }
            }

            ulong ended = 0;
            if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } finishing)
            {
                // `async ValueTask<int> Finish() => await pending;`: the local function takes the task over.
                foreach (ILocalSymbol consumed in TaskUses.ConsumedByLocalFunction(_context, finishing.TargetMethod))
                {
                    for (int i = 0; i < _flights.Count; i++)
                    {
                        if (_flights[i].Tasks.Contains(consumed))
                        {
                            ended |= 1UL << i;
                        }
                    }
                }
            }

            if (_anyKept && operation is ILocalReferenceOperation or IFieldReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation)
            {
                // A kept task read back (awaited, handed on), or the whole collection handed on.
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (_flights[i].Kept is { } kept && KeptTasks.Ends(operation, kept, _buffers))
                    {
                        ended |= 1UL << i;
                    }
                }
            }

            if (operation is ILocalReferenceOperation reference)
            {
                // The task is awaited, or handed on out of sight: either way the window this body can see ends.
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (_flights[i].Tasks.Contains(reference.Local) && EndsWindow(reference, _flights[i]))
                    {
                        ended |= 1UL << i;
                    }
                }
            }
            else if (operation is IAwaitOperation wait)
            {
                // `await readTask.WaitAsync(timeout)` (or `await read.AsTask().WaitAsync(timeout)`) returned: the operation
                // completed (a timeout throws past this).
                ILocalSymbol? waited = WaitedWithTimeout(wait);
                for (int i = 0; waited is not null && i < _flights.Count; i++)
                {
                    if (_flights[i].Tasks.Contains(waited))
                    {
                        ended |= 1UL << i;
                    }
                }

                ended |= WaitedInPlace(wait);
            }

            int flag = operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } ? _flags.IndexOf(target.Local) : -1;
            bool? flagValue = flag >= 0 && ((ISimpleAssignmentOperation)operation).Value.ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;

            (uint holding, uint flushed) = _heldText?.Effect(operation) ?? (0, 0);
            if (report)
            {
                // A writer's last flush writes into the buffer only on the paths where it may still hold text.
                uint lastFlush = _heldText?.LastFlushOf(operation) ?? 0;
                ulong any = 0;
                List<Path>? reaching = null;
                foreach (Path path in state.Paths)
                {
                    if (lastFlush == 0 || (path.Holding & lastFlush) != 0)
                    {
                        any |= path.Flights;
                        (reaching ??= new List<Path>()).Add(path);
                    }
                }

                if (any != 0)
                {
                    Report(operation, any, reaching!);
                }
            }

            bool renames = _names is not null && (started != 0 || _names.Changes(operation));
            if (started == 0 && ended == 0 && flag < 0 && holding == 0 && flushed == 0 && !renames)
            {
                return state;
            }

            var paths = new List<Path>(state.Paths.Length);
            uint flagBit = flag >= 0 ? 1U << flag : 0;
            foreach (Path path in state.Paths)
            {
                uint isTrue = path.IsTrue & ~flagBit, isFalse = path.IsFalse & ~flagBit;
                if (flagValue == true)
                {
                    isTrue |= flagBit;
                }
                else if (flagValue == false)
                {
                    isFalse |= flagBit;
                }

                ulong names = path.Names;
                if (_names is not null)
                {
                    names = _names.Apply(operation, _names.Start(names, started));
                }

                paths.Add(new Path((path.Flights | started) & ~ended, isTrue, isFalse, (path.Holding & ~flushed) | holding, names));
            }

            return InFlight.Of(paths);
        }

        private void Report(IOperation operation, ulong bits, List<Path> paths)
        {
            (ISymbol Buffer, string How)? touch = Touches.Describe(_api, _buffers, operation);
            if (touch is null && operation is IInvocationOperation call)
            {
                // A method of this compilation given a buffer in flight, or writing a field of this object in flight: its body is
                // bound only then.
                touch = Touches.InHelper(_context, _api, _buffers, call, buffer => IsInFlight(buffer, bits)) ??
                        Touches.InLocalFunction(_context, _api, call, buffer => IsInFlight(buffer, bits)) ??
                        Touches.InMemberMethod(_context, _api, call, buffer => IsInFlight(buffer, bits));
            }

            if (touch is null && operation is IInvocationOperation release && LockReleased(release) is { } gate)
            {
                touch = GuardedFieldInFlight(release, gate, bits);
            }

            if (touch is null && Publication.Of(_buffers, operation) is { } published && IsFilling(published.Buffer, bits, operation))
            {
                touch = published;
            }

            // A read of a buffer the kernel fills, only when the operation was given the whole of it (`ReadAsync(fd, block,
            // ...)`): given a slice, which bytes the read and the fill share is not compared (the other half of a buffer
            // read while a receive fills this one).
            if (touch is null && operation is IInvocationOperation reader && Touches.ReadOf(_api, _buffers, reader) is { } read &&
                IsFilling(read.Buffer, bits, operation) && FillsWhole(read.Buffer, bits))
            {
                touch = read;
            }

            if (touch is null && operation is IArrayElementReferenceOperation or IPropertyReferenceOperation && Touches.ElementReadOf(_buffers, operation) is { } element &&
                IsFilling(element.Buffer, bits, operation) && FillsWhole(element.Buffer, bits))
            {
                touch = element;
            }

            if (touch is not { } found || !_reported.Add(operation.Syntax))
            {
                return;
            }

            for (int i = 0; i < _flights.Count; i++)
            {
                Flight flight = _flights[i];
                if ((bits & (1UL << i)) != 0 && flight.Call != operation.Syntax && HasOnSomePath(i, found.Buffer, operation, paths) &&
                    SamePass(found.Buffer, flight, operation) && !FreshEachPass.IsNewBuffer(_buffers, _body, found.Buffer, flight.Call, operation) &&
                    !FieldOfAnotherObject(found.Buffer, flight, operation) &&
                    !InFlightRange.TouchesOnlyAfter(_buffers, _body, found.Buffer, operation, flight.Arguments, flight.Call))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    if (flight.Tasks.Count > 0)
                    {
                        // The last local it moved to: a Task from AsTask() may be awaited again, the ValueTask it came from not.
                        properties = properties.Add(TaskLocalProperty, flight.Tasks[flight.Tasks.Count - 1].Name);
                    }

                    _context.Report(Diagnostic.Create(
                        Rule, operation.Syntax.GetLocation(), additionalLocations: new[] { flight.Call.GetLocation() }, properties,
                        found.Buffer.Name, found.How, flight.Name, Line(flight.Call), flight.Window));
                    return;
                }
            }
        }

        /// <summary>
        /// Whether <paramref name="buffer"/> names the array of flight <paramref name="index"/> on some path where it is in
        /// flight: by the names followed along the paths (<see cref="BufferNames"/>) where they are known, else by name.
        /// </summary>
        private bool HasOnSomePath(int index, ISymbol buffer, IOperation touch, List<Path> paths)
        {
            Flight flight = _flights[index];
            bool byName = false;
            foreach (Path path in paths)
            {
                if ((path.Flights & (1UL << index)) == 0)
                {
                    continue;
                }

                bool? named = _names?.Names(path.Names, index, buffer);
                if (named == true)
                {
                    return true;
                }

                byName |= named is null;
            }

            return byName && flight.Has(buffer, touch);
        }

        /// <summary>
        /// An instance field holds one array per object: the operation was given the field of some objects (<c>behind._frame</c>)
        /// and the touch reaches it only through others (<c>_frame</c> of this object, <c>ahead._frame</c>), so it writes
        /// another array. Objects are told apart when each is this object, a parameter the function never assigns, or a local
        /// given one value where it is declared and never again; any other receiver may be either, and is a touch as before.
        /// </summary>
        private bool FieldOfAnotherObject(ISymbol buffer, Flight flight, IOperation touch)
        {
            if (buffer is not IFieldSymbol { IsStatic: false } field)
            {
                return false;
            }

            var inFlight = new List<ISymbol>();
            foreach (IOperation argument in flight.Arguments)
            {
                if (!Receivers(field, argument, inFlight))
                {
                    return false;
                }
            }

            var touched = new List<ISymbol>();
            if (!Receivers(field, touch, touched))
            {
                return false;
            }

            if (touched.Count == 0 && touch is IInvocationOperation { Instance: { } instance } call &&
                SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType.OriginalDefinition, field.ContainingType.OriginalDefinition) &&
                ReceiverOf(instance, field) is { } called)
            {
                // A method of the type called on an object writes that object's field (see Touches.InMemberMethod).
                touched.Add(called);
            }

            return inFlight.Count > 0 && touched.Count > 0 && !touched.Any(t => inFlight.Contains(t, SymbolEqualityComparer.Default));
        }

        /// <summary>Adds the receivers of every reference to <paramref name="field"/> in <paramref name="root"/>; false when one is not told apart.</summary>
        private bool Receivers(IFieldSymbol field, IOperation root, List<ISymbol> receivers)
        {
            foreach (IOperation operation in root.DescendantsAndSelf())
            {
                if (operation is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, field))
                {
                    if (reference.Instance is null || ReceiverOf(reference.Instance, field) is not { } receiver)
                    {
                        return false;
                    }

                    receivers.Add(receiver);
                }
            }

            return true;
        }

        /// <summary>
        /// The variable naming the object an instance expression is (this object stands as the field's type), or null when
        /// it may name different objects along the function.
        /// </summary>
        private ISymbol? ReceiverOf(IOperation instance, IFieldSymbol field)
        {
            switch (instance.WithoutConversions())
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return field.ContainingType;
                case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter } when !AssignedInBody(parameter):
                    return parameter;
                case ILocalReferenceOperation { Local: { RefKind: RefKind.None } local } when !AssignedInBody(local) && !CopiesAVariable(local):
                    return local;
                default:
                    return null;
            }
        }

        /// <summary>Whether the local is declared as a copy of another variable (<c>var self = this;</c>): it may name the same object.</summary>
        private bool CopiesAVariable(ILocalSymbol local)
        {
            foreach (IOperation operation in _body.Operations)
            {
                if (operation is IVariableDeclaratorOperation { Initializer.Value: var value } declarator &&
                    SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) &&
                    value.WithoutConversions() is IInstanceReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the function assigns the variable anywhere but its declaration, or hands it on by reference.</summary>
        private bool AssignedInBody(ISymbol variable)
        {
            foreach (IOperation operation in _body.Operations)
            {
                IOperation? target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation step => step.Target,
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference => byReference.Value,
                    _ => null,
                };
                ISymbol? written = target?.WithoutConversions() switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (written is not null && SymbolEqualityComparer.Default.Equals(written, variable))
                {
                    return true;
                }

                if (target is IDeclarationExpressionOperation or ITupleOperation && target.DescendantsAndSelf().OfType<ILocalReferenceOperation>()
                        .Any(l => SymbolEqualityComparer.Default.Equals(l.Local, variable)))
                {
                    return true;
                }
            }

            return false;
        }

        private bool FillsWhole(ISymbol buffer, ulong bits)
        {
            for (int i = 0; i < _flights.Count; i++)
            {
                if ((bits & (1UL << i)) == 0 || _flights[i].Filled is not { } filled || !filled.Contains(buffer))
                {
                    continue;
                }

                foreach (IOperation argument in _flights[i].Arguments)
                {
                    ISymbol? named = argument.WithoutConversions() switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IParameterReferenceOperation parameter => parameter.Parameter,
                        IFieldReferenceOperation field => field.Field,
                        _ => null,
                    };
                    if (SymbolEqualityComparer.Default.Equals(named, buffer))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsFilling(ISymbol buffer, ulong bits, IOperation publication)
        {
            for (int i = 0; i < _flights.Count; i++)
            {
                if ((bits & (1UL << i)) != 0 && _flights[i].Filled is { } filled && filled.Contains(buffer) &&
                    !IsNextPassBuffer(buffer, _flights[i], publication))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A local declared in a loop's body holds a new buffer each pass: published before the operation starts in that
        /// pass (a queue of buffers filled one per pass), it is not the buffer the previous pass's operation fills.
        /// </summary>
        private static bool IsNextPassBuffer(ISymbol buffer, Flight flight, IOperation publication)
        {
            if (buffer is not ILocalSymbol { DeclaringSyntaxReferences.Length: 1 } local ||
                publication.Syntax.SpanStart >= flight.Call.SpanStart)
            {
                return false;
            }

            for (SyntaxNode? node = local.DeclaringSyntaxReferences[0].GetSyntax().Parent; node is not null; node = node.Parent)
            {
                if (node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                {
                    return node.Span.Contains(flight.Call.Span) && node.Span.Contains(publication.Syntax.Span);
                }

                if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the touch is of the buffer the flight has: always, except for a property of a loop's variable
        /// (<see cref="Buffers.IterationLoopOf"/>), which is that buffer only after the start in the same pass of the loop.
        /// </summary>
        private bool SamePass(ISymbol buffer, Flight flight, IOperation touch) =>
            _buffers.IterationLoopOf(buffer) is not { } loopBody ||
            (loopBody.Span.Contains(flight.Call.Span) && loopBody.Span.Contains(touch.Syntax.Span) && touch.Syntax.SpanStart > flight.Call.Span.End) ||
            (touch is IInvocationOperation { Arguments.Length: 1 } release && !loopBody.Span.Contains(touch.Syntax.Span) &&
             SymbolEqualityComparer.Default.Equals(_buffers.CollectedBufferOf(release.Arguments[0].Value), buffer));

        private List<(ISymbol Buffer, int At)>? _fieldWrites;

        /// <summary>
        /// Since round 48: the lock a call releases, when it guards shared state of the code (a field or static): a
        /// <c>SemaphoreSlim</c>'s or <c>Semaphore</c>'s <c>Release</c>, <c>Monitor.Exit</c>, a <c>System.Threading.Lock</c>'s
        /// <c>Exit</c>, each called on a field. The end of a <c>lock</c> statement is not one: the flow graph calls
        /// <c>Monitor.Exit</c> on a capture of the locked object, not on the field, so such a section is not followed.
        /// </summary>
        private static ISymbol? LockReleased(IInvocationOperation call)
        {
            IMethodSymbol method = call.TargetMethod;
            if (method.ContainingType is not { ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } type)
            {
                return null;
            }

            IOperation? gate = (type.Name, method.Name) switch
            {
                ("SemaphoreSlim" or "Semaphore", "Release") => call.Instance,
                ("Lock", "Exit") => call.Instance,
                ("Monitor", "Exit") when call.Arguments.Length == 1 => call.Arguments[0].Value,
                _ => null,
            };
            return gate?.WithoutConversions() is IFieldReferenceOperation field ? field.Field : null;
        }

        /// <summary>
        /// Since round 48: a lock released while an operation still uses a buffer field the same function wrote before it
        /// (in the section the lock guards: <c>await _gate.WaitAsync(); try { Frame(_frame); send = ring.SendAsync(fd,
        /// _frame...); } finally { _gate.Release(); } await send;</c>): the next caller enters the section and writes the
        /// field's buffer while the operation reads or fills it. Only a field (one buffer shared by every caller the lock
        /// lets in), only one this function writes before the release.
        /// </summary>
        private (ISymbol Buffer, string How)? GuardedFieldInFlight(IInvocationOperation release, ISymbol gate, ulong bits)
        {
            if (_fieldWrites is null)
            {
                _fieldWrites = new List<(ISymbol, int)>();
                foreach (IOperation operation in _body.Operations)
                {
                    if (Touches.Describe(_api, _buffers, operation) is { Buffer: IFieldSymbol field })
                    {
                        _fieldWrites.Add((field, operation.Syntax.SpanStart));
                    }
                }
            }

            foreach ((ISymbol buffer, int at) in _fieldWrites)
            {
                if (at < release.Syntax.SpanStart && IsInFlight(buffer, bits))
                {
                    return (buffer, "handed to the next caller when '" + gate.Name + "' is released (its section writes it)");
                }
            }

            return null;
        }

        private bool IsInFlight(ISymbol buffer, ulong bits)
        {
            for (int i = 0; i < _flights.Count; i++)
            {
                if ((bits & (1UL << i)) != 0 && _flights[i].Buffers.Contains(buffer))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Line(SyntaxNode node) =>
            (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
