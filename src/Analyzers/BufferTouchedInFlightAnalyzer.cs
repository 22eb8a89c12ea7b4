using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
/// <c>finally</c> or <c>using</c> releases the buffer, still in flight on a loop's next iteration.
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

    /// <summary>Only an operation whose task is not awaited where it starts can be in flight past its call.</summary>
    private protected override bool IsCandidate(CodeRoot root) => root.HasAny(CodeFeatures.UnawaitedAsyncCall);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        // An operation stored, discarded or returned stays in flight past its call; something must also touch a buffer.
        if (TaskUses.HasUnawaitedAsyncSyscall(context, api, TaskUses.Handling.Discarded | TaskUses.Handling.Stored | TaskUses.Handling.Returned) &&
            Touches.MayTouch(context))
        {
            base.AnalyzeRoot(context, api);
        }
    }

    private protected override void AnalyzeBody(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        Buffers? buffers = null;
        List<Flight>? flights = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation call || TaskUses.IsAwaitedAtOnce(call))
            {
                continue;
            }

            // A local function whose body starts the operation: its call starts it, on the buffers that body passes.
            IInvocationOperation? started = api.IsAsyncSyscall(call.TargetMethod) ? call : TaskUses.ReturnedByLocalFunction(context, api, call.TargetMethod);
            if (started is null)
            {
                continue;
            }

            ILocalSymbol? task = TaskUses.StoredIn(call);
            string window = task is not null ? "its task '" + task.Name + "' is not awaited yet"
                : TaskUses.IsDiscarded(call) ? "its task is discarded"
                : TaskUses.IsReturned(call) ? "its task is returned to the caller"
                : null!;
            if (window is null)
            {
                // Passed on to code out of sight: where it is awaited is unknown, so stay quiet.
                continue;
            }

            buffers ??= Buffers.Collect(api, body);
            var roots = new List<ISymbol>();
            foreach (IArgumentOperation argument in started.Arguments)
            {
                AddRoots(buffers, body, argument.Value, roots);
            }

            if (roots.Count > 0 && (flights ??= new List<Flight>()).Count < 64)
            {
                flights.Add(new Flight(call.Syntax, started.TargetMethod.Name, task, roots, window));
            }
        }

        if (flights is null)
        {
            return;
        }

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
            ForwardFlow.Run(graph, new InFlightFlow(context, api, buffers!, flights, flags));
        }
    }

    /// <summary>
    /// The buffers behind an argument: one, or each element of an array or list of them (the segments of a vectored
    /// read or write), written in the call or in the initializer of the local passed to it.
    /// </summary>
    private static void AddRoots(Buffers buffers, FunctionBody body, IOperation value, List<ISymbol> roots, int depth = 0)
    {
        value = value.WithoutConversions();
        if (depth < 4 && SegmentsOf(body, value) is { } segments)
        {
            foreach (IOperation element in segments)
            {
                AddRoots(buffers, body, element, roots, depth + 1);
            }

            if (value is not ILocalReferenceOperation)
            {
                return;
            }
        }

        ISymbol? root = buffers.RootOf(value);
        if (root is not null)
        {
            roots.Add(root);
        }
    }

    /// <summary>
    /// The elements of <c>new[] { a, b }</c> or <c>new List&lt;Memory&lt;byte&gt;&gt; { a, b }</c>, given directly or as
    /// the local it initialized (<c>var segments = new[] { header, payload }; ring.WriteAsync(fd, segments, ...)</c>).
    /// </summary>
    private static IEnumerable<IOperation>? SegmentsOf(FunctionBody body, IOperation value)
    {
        if (value is ILocalReferenceOperation { Local: { } local })
        {
            foreach (IOperation operation in body.Operations)
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    IOperation? initial = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    return initial is null ? null : SegmentsOf(body, initial.WithoutConversions());
                }
            }

            return null;
        }

        if (value is IArrayCreationOperation { Initializer: { } array })
        {
            return array.ElementValues;
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

        return null;
    }

    /// <summary>One operation that may stay in flight past its call: where it is made, its buffers, and the local holding its task.</summary>
    private sealed class Flight
    {
        public Flight(SyntaxNode call, string name, ILocalSymbol? task, List<ISymbol> buffers, string window)
        {
            Call = call;
            Name = name;
            Task = task;
            Buffers = buffers;
            Window = window;
        }

        public SyntaxNode Call { get; }

        public string Name { get; }

        public ILocalSymbol? Task { get; }

        public List<ISymbol> Buffers { get; }

        public string Window { get; }
    }

    /// <summary>One way through the code so far: the operations in flight, and the flags known true or false.</summary>
    private readonly struct Path : System.IEquatable<Path>
    {
        public Path(ulong flights, uint isTrue, uint isFalse)
        {
            Flights = flights;
            IsTrue = isTrue;
            IsFalse = isFalse;
        }

        public ulong Flights { get; }

        public uint IsTrue { get; }

        public uint IsFalse { get; }

        public bool Equals(Path other) => Flights == other.Flights && IsTrue == other.IsTrue && IsFalse == other.IsFalse;

        public override bool Equals(object? obj) => obj is Path other && Equals(other);

        public override int GetHashCode() => (Flights ^ ((ulong)IsTrue << 32) ^ IsFalse).GetHashCode();
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

        public static InFlight Start { get; } = new(new[] { new Path(0, 0, 0) });

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
                uint isTrue = uint.MaxValue, isFalse = uint.MaxValue;
                foreach (Path path in distinct)
                {
                    flights |= path.Flights;
                    isTrue &= path.IsTrue;
                    isFalse &= path.IsFalse;
                }

                distinct.Clear();
                distinct.Add(new Path(flights, isTrue, isFalse));
            }

            distinct.Sort(static (a, b) => a.Flights != b.Flights ? a.Flights.CompareTo(b.Flights)
                : a.IsTrue != b.IsTrue ? a.IsTrue.CompareTo(b.IsTrue) : a.IsFalse.CompareTo(b.IsFalse));
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

    private sealed class InFlightFlow : IFlowRule<InFlight>
    {
        private readonly CodeRootContext _context;
        private readonly AsyncSysApi _api;
        private readonly Buffers _buffers;
        private readonly List<Flight> _flights;
        private readonly List<ILocalSymbol> _flags;
        private readonly HashSet<SyntaxNode> _reported = new();

        public InFlightFlow(CodeRootContext context, AsyncSysApi api, Buffers buffers, List<Flight> flights, List<ILocalSymbol> flags)
        {
            _context = context;
            _api = api;
            _buffers = buffers;
            _flights = flights;
            _flags = flags;
        }

        public InFlight Entry => InFlight.Start;

        public InFlight Join(InFlight first, InFlight second)
        {
            var paths = new List<Path>(first.Paths);
            paths.AddRange(second.Paths);
            return InFlight.Of(paths);
        }

        /// <summary>An operation whose call throws never started; anything else (a consumption) has happened.</summary>
        public bool TakesEffectWhenThrowing(IOperation operation) => operation is not IInvocationOperation;

        public bool IsEvent(IOperation operation) => operation is
            IInvocationOperation or ILocalReferenceOperation or ISimpleAssignmentOperation or ICompoundAssignmentOperation or
            IIncrementOrDecrementOperation or ICoalesceAssignmentOperation;

        public InFlight? Assume(IOperation condition, InFlight state, bool value)
        {
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                value = !value;
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

                kept.Add(value ? new Path(path.Flights, path.IsTrue | bit, path.IsFalse) : new Path(path.Flights, path.IsTrue, path.IsFalse | bit));
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
            if (operation is ILocalReferenceOperation reference && TaskUses.Consumption(reference) is not null)
            {
                // The task is awaited, or handed on out of sight: either way the window this body can see ends.
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (SymbolEqualityComparer.Default.Equals(_flights[i].Task, reference.Local))
                    {
                        ended |= 1UL << i;
                    }
                }
            }

            int flag = operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } ? _flags.IndexOf(target.Local) : -1;
            bool? flagValue = flag >= 0 && ((ISimpleAssignmentOperation)operation).Value.ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;

            if (report)
            {
                ulong any = 0;
                foreach (Path path in state.Paths)
                {
                    any |= path.Flights;
                }

                if (any != 0)
                {
                    Report(operation, any);
                }
            }

            if (started == 0 && ended == 0 && flag < 0)
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

                paths.Add(new Path((path.Flights | started) & ~ended, isTrue, isFalse));
            }

            return InFlight.Of(paths);
        }

        private void Report(IOperation operation, ulong bits)
        {
            (ISymbol Buffer, string How)? touch = Touches.Describe(_api, _buffers, operation);
            if (touch is not { } found || !_reported.Add(operation.Syntax))
            {
                return;
            }

            for (int i = 0; i < _flights.Count; i++)
            {
                Flight flight = _flights[i];
                if ((bits & (1UL << i)) != 0 && flight.Call != operation.Syntax && flight.Buffers.Contains(found.Buffer))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty;
                    if (flight.Task is not null)
                    {
                        properties = properties.Add(TaskLocalProperty, flight.Task.Name);
                    }

                    _context.Report(Diagnostic.Create(
                        Rule, operation.Syntax.GetLocation(), additionalLocations: new[] { flight.Call.GetLocation() }, properties,
                        found.Buffer.Name, found.How, flight.Name, Line(flight.Call), flight.Window));
                    return;
                }
            }
        }

        private static string Line(SyntaxNode node) =>
            (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
