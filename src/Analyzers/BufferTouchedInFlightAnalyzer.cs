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

    private protected override void AnalyzeBody(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body)
    {
        Buffers? buffers = null;
        List<Flight>? flights = null;
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IInvocationOperation call || !api.IsAsyncSyscall(call.TargetMethod) || TaskUses.IsAwaitedAtOnce(call))
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
            foreach (IArgumentOperation argument in call.Arguments)
            {
                ISymbol? root = buffers.RootOf(argument.Value);
                if (root is not null)
                {
                    roots.Add(root);
                }
            }

            if (roots.Count > 0 && (flights ??= new List<Flight>()).Count < 64)
            {
                flights.Add(new Flight(call.Syntax, call.TargetMethod.Name, task, roots, window));
            }
        }

        if (flights is null)
        {
            return;
        }

        ControlFlowGraph? graph = FunctionGraphs.Find(context, body.Block, body.Symbol, context.OwningSymbol);
        if (graph is not null)
        {
            ForwardFlow.Run(graph, new InFlightFlow(context, api, buffers!, flights));
        }
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

    /// <summary>The operations in flight on some path, one bit each.</summary>
    private readonly struct InFlight : System.IEquatable<InFlight>
    {
        public InFlight(ulong bits) => Bits = bits;

        public ulong Bits { get; }

        public bool Equals(InFlight other) => Bits == other.Bits;

        public override bool Equals(object? obj) => obj is InFlight other && Equals(other);

        public override int GetHashCode() => Bits.GetHashCode();
    }

    private sealed class InFlightFlow : IFlowRule<InFlight>
    {
        private readonly OperationBlockAnalysisContext _context;
        private readonly AsyncSysApi _api;
        private readonly Buffers _buffers;
        private readonly List<Flight> _flights;
        private readonly HashSet<SyntaxNode> _reported = new();

        public InFlightFlow(OperationBlockAnalysisContext context, AsyncSysApi api, Buffers buffers, List<Flight> flights)
        {
            _context = context;
            _api = api;
            _buffers = buffers;
            _flights = flights;
        }

        public InFlight Entry => default;

        public InFlight Join(InFlight first, InFlight second) => new(first.Bits | second.Bits);

        public bool IsEvent(IOperation operation) => operation is
            IInvocationOperation or ILocalReferenceOperation or ISimpleAssignmentOperation or ICompoundAssignmentOperation or
            IIncrementOrDecrementOperation or ICoalesceAssignmentOperation;

        public InFlight Apply(IOperation operation, InFlight state, bool report)
        {
            ulong bits = state.Bits;
            if (operation is IInvocationOperation call)
            {
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (_flights[i].Call == call.Syntax)
                    {
                        bits |= 1UL << i;
                    }
                }
            }

            if (operation is ILocalReferenceOperation reference && TaskUses.Consumption(reference) is not null)
            {
                // The task is awaited, or handed on out of sight: either way the window this body can see ends.
                for (int i = 0; i < _flights.Count; i++)
                {
                    if (SymbolEqualityComparer.Default.Equals(_flights[i].Task, reference.Local))
                    {
                        bits &= ~(1UL << i);
                    }
                }

                return new InFlight(bits);
            }

            if (bits == 0 || !report)
            {
                return new InFlight(bits);
            }

            (ISymbol Buffer, string How)? touch = Touches.Describe(_api, _buffers, operation);
            if (touch is { } found && _reported.Add(operation.Syntax))
            {
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

                        _context.ReportDiagnostic(Diagnostic.Create(
                            Rule, operation.Syntax.GetLocation(), additionalLocations: new[] { flight.Call.GetLocation() }, properties,
                            found.Buffer.Name, found.How, flight.Name, Line(flight.Call), flight.Window));
                        break;
                    }
                }
            }

            return new InFlight(bits);
        }

        private static string Line(SyntaxNode node) =>
            (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
