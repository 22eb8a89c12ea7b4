using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001 without an operation tree or a control flow graph, for the common shape: an errno read reached along
/// straight-line code from the call or await it is about. Walking back from the read through the statements of
/// its block, the conditions of the <c>if</c>s it sits in and <c>if</c>s that leave (<c>if (n &lt; 0) return;</c>),
/// it finds the last P/Invoke (or errno setter) on the way, and the calls and awaits after it: exactly what the
/// flow would hold at the read, because on such a path there is nothing to join.
/// </summary>
/// <remarks>
/// Works on syntax and the symbols of the calls (each bound on its own, which binds only its statement). Anything
/// else between the read and what decides it (a loop or try boundary, a label, a jump, a call that a branch may
/// skip, a compound statement, code the compiler expands into calls of its own) makes the answer unknown and the
/// caller runs the full flow. The answers and messages here are exactly those of the flow (a test runs both over
/// the corpus), so a function is decided here in full or not at all.
/// </remarks>
internal sealed class ErrnoStraightLine
{
    // The flow numbers at most 64 events per function; beyond that its messages name events this path cannot.
    private const int MaxEvents = 60;

    // One per thread, reused for every root: the lists below would otherwise be allocated and grown per method.
    [System.ThreadStatic]
    private static ErrnoStraightLine? t_instance;

    private readonly Dictionary<SyntaxNode, Kind> _kinds = new();
    private CodeRootContext _context = null!;
    private AsyncSysApi _api = null!;

    // The events (CodeRoot.Events) of the function being decided: what the walks below look at instead of every node.
    private readonly List<SyntaxNode> _events = new();

    // The events met walking back from one read, latest first, until the P/Invoke that decides it.
    private readonly List<SyntaxNode> _after = new();

    /// <summary>A list for the caller to collect one function's reports in, reused like the rest.</summary>
    public List<Diagnostic> Reports { get; } = new();

    // The calls the function's reads are written for (ErrnoGuardCall): the walk back stops at one as at the entry.
    private readonly HashSet<SyntaxNode> _guards = new();

    // Those of them that invoke a delegate: sources of errno, like a P/Invoke (ErrnoGuardCall.AddEarlierExitTo).
    private readonly HashSet<SyntaxNode> _delegates = new();

    // The root's calls that invoke a delegate, noted as they are classified.
    private readonly HashSet<SyntaxNode> _delegateInvocations = new();

    // Whether the function being decided makes a P/Invoke (or sets errno) anywhere.
    private bool _sources;

    // The reads written for the failure of one of the function's parameters (ErrnoFailurePath.FailedParameter): errno is
    // for the caller's call, so the walk goes back to the function's start and anything on the way made it stale.
    private readonly Dictionary<SyntaxNode, string> _parameterReads = new();

    // The parameter the read being decided is for, while it is walked back to the start.
    private string? _toEntry;

    private ErrnoStraightLine()
    {
    }

    /// <summary>This thread's instance, set to decide the functions of one root.</summary>
    public static ErrnoStraightLine For(CodeRootContext context, AsyncSysApi api)
    {
        ErrnoStraightLine instance = t_instance ??= new ErrnoStraightLine();
        instance._context = context;
        instance._api = api;
        instance._kinds.Clear();
        instance._delegateInvocations.Clear();
        return instance;
    }

    /// <summary>Lets go of the root's nodes and model, so the thread's instance keeps no tree alive.</summary>
    public void Release()
    {
        _kinds.Clear();
        _guards.Clear();
        _delegates.Clear();
        _delegateInvocations.Clear();
        Reports.Clear();
        _events.Clear();
        _after.Clear();
        _pinvokes.Clear();
        _parameterReads.Clear();
        _context = null!;
        _api = null!;
    }

    /// <summary>What the function as a whole needs.</summary>
    public enum Outcome
    {
        /// <summary>No P/Invoke, errno setter or await: every read reports on a call out of sight, never reported.</summary>
        NothingToCheck,

        /// <summary>Every read decided; the reports are in the list.</summary>
        Decided,

        /// <summary>The flow over the control flow graph decides.</summary>
        NeedsFlow,
    }

    /// <summary>What a call or creation is to errno.</summary>
    private enum Kind
    {
        /// <summary>Not known from the symbol alone (unresolved, dynamic, a function pointer, a default struct constructor).</summary>
        Unknown,

        /// <summary>Cannot change errno (managed-only types), or is no call at all (nameof, a delegate creation).</summary>
        Pure,

        /// <summary>An ordinary call, or an await: may set errno, or resume on a thread whose errno is another's.</summary>
        Call,

        /// <summary>
        /// Managed code only (a collection, a StringBuilder, an array pool): keeps the saved error, but may allocate, and
        /// the runtime's native code may then set errno itself. Pure here unless GetLastSystemError is read (the flow decides).
        /// </summary>
        ManagedOnly,

        /// <summary>A read of errno.</summary>
        Read,

        /// <summary>A P/Invoke or Marshal's errno setter: what errno describes from here on.</summary>
        Source,
    }

    /// <summary>Tests set this to check that the flow over the graph gives the same answers on the same shapes.</summary>
    internal static volatile bool GraphOnly;

    private static int s_decidedFunctions;
    private static int s_flowFunctions;

    /// <summary>How many functions were left to the flow in this process.</summary>
    internal static int FlowFunctions => System.Threading.Volatile.Read(ref s_flowFunctions);

    /// <summary>How many functions this path has decided (or found nothing to check in) in this process: tests check that it is taken at all.</summary>
    internal static int DecidedFunctions => System.Threading.Volatile.Read(ref s_decidedFunctions);

    /// <summary>Decides every read of <paramref name="function"/> (confirmed errno reads, in source order) or none.</summary>
    public Outcome Decide(SyntaxNode function, List<SyntaxNode> reads, List<Diagnostic> reports)
    {
        bool awaits = false, sources = false, needsFlow = false, delegates = false;
        foreach (SyntaxNode read in reads)
        {
            // Already bound and confirmed by the caller.
            _kinds[read] = Kind.Read;
        }

        _events.Clear();
        foreach (SyntaxNode node in _context.Root.Events)
        {
            if (SyntaxFunctions.Enclosing(node, _context.Root.Syntax) == function)
            {
                _events.Add(node);
            }
        }

        foreach (SyntaxNode node in _events)
        {
            switch (node)
            {
                case AwaitExpressionSyntax:
                    awaits = true;
                    break;
                case CommonForEachStatementSyntax or UsingStatementSyntax or LocalDeclarationStatementSyntax:
                    // Hidden awaits (await foreach, await using): errno sources the flow follows through their own blocks.
                    needsFlow = true;
                    break;
                case InvocationExpressionSyntax call:
                    Kind kind = KindOf(call);
                    delegates |= kind == Kind.Call && _delegateInvocations.Contains(call);
                    switch (kind)
                    {
                        case Kind.Source:
                            sources = true;
                            break;
                        case Kind.Unknown:
                            needsFlow = true;
                            break;
                    }

                    break;
                case InitializerExpressionSyntax or QueryExpressionSyntax or CollectionExpressionSyntax:
                    // Calls the compiler writes (Add, Select, the collection's builder) that the syntax does not show.
                    needsFlow = true;
                    break;
                case IdentifierNameSyntax name when _context.SymbolOf(name) is IPropertySymbol property &&
                                                    _api.ErrnoHelpers.GetterMakesPInvoke(property, _context.Model):
                    // A property whose getter makes a P/Invoke: the flow counts its read as that call.
                    needsFlow = true;
                    break;
            }
        }

        // Managed-only calls keep the saved error but not errno itself: a GetLastSystemError read after one goes to the flow.
        needsFlow = needsFlow || (ReadsSystemError(reads) && HasManagedOnlyEvent());

        // The calls the reads are written for; a delegate among them (a retry helper's Func<int>) may be the one that
        // made the P/Invoke: errno describes it, as after a P/Invoke, until the next call.
        _guards.Clear();
        _delegates.Clear();
        if (delegates)
        {
            foreach (SyntaxNode read in reads)
            {
                ErrnoGuardCall.AddTo(_guards, read, _events);
                ErrnoGuardCall.AddEarlierExitTo(_delegates, read, _events);
            }

            foreach (SyntaxNode guard in _guards)
            {
                if (_delegateInvocations.Contains(guard))
                {
                    _delegates.Add(guard);
                }
            }

            _delegates.IntersectWith(_delegateInvocations);
            _guards.UnionWith(_delegates);
            sources |= _delegates.Count > 0;
        }

        _parameterReads.Clear();
        foreach (SyntaxNode read in reads)
        {
            if (ErrnoFailurePath.FailedParameter(read, _context.Model, _context.CancellationToken) is { } parameter)
            {
                _parameterReads[read] = parameter;
            }
        }

        if (!needsFlow && !awaits && !sources && _parameterReads.Count == 0)
        {
            System.Threading.Interlocked.Increment(ref s_decidedFunctions);
            return Outcome.NothingToCheck;
        }

        _sources = sources;
        if (needsFlow || GraphOnly || _events.Count > MaxEvents)
        {
            System.Threading.Interlocked.Increment(ref s_flowFunctions);
            return Outcome.NeedsFlow;
        }

        if (!delegates)
        {
            foreach (SyntaxNode read in reads)
            {
                ErrnoGuardCall.AddTo(_guards, read, _events);
            }
        }

        foreach (SyntaxNode read in reads)
        {
            if (!DecideRead(read, reports))
            {
                reports.Clear();
                System.Threading.Interlocked.Increment(ref s_flowFunctions);
                return Outcome.NeedsFlow;
            }
        }

        System.Threading.Interlocked.Increment(ref s_decidedFunctions);
        return Outcome.Decided;
    }

    /// <summary>Adds what the flow would report at <paramref name="read"/>; false when only the flow can tell.</summary>
    private bool DecideRead(SyntaxNode read, List<Diagnostic> reports)
    {
        _after.Clear();
        _toEntry = _parameterReads.TryGetValue(read, out string? parameter) ? parameter : null;
        SyntaxNode? current = read;
        while (current is not null && current is not StatementSyntax and not ArrowExpressionClauseSyntax)
        {
            if (current is AnonymousFunctionExpressionSyntax)
            {
                // An expression-bodied lambda: no statements to walk.
                return false;
            }

            current = current.Parent;
        }

        SyntaxNode? own = current switch
        {
            ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } or ReturnStatementSyntax or ThrowStatementSyntax => current,
            IfStatementSyntax ifStatement when ifStatement.Condition.Span.Contains(read.Span) => ifStatement.Condition,
            ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or OperatorDeclarationSyntax
                or ConversionOperatorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } arrow => arrow.Expression,
            _ => null,
        };
        if (own is null)
        {
            return false;
        }

        // In the read's own statement: the events that run before it on every path to it (a call in the condition
        // of the ?: the read is an arm of, the left of the && it is the right of); any other event before it: unknown.
        bool? found = Before(own, read);
        if (found is null)
        {
            return false;
        }

        SyntaxNode? source = found.Value ? _after[_after.Count - 1] : null;
        if (source is not null)
        {
            _after.RemoveAt(_after.Count - 1);
        }

        // Backwards through what runs right before, until a P/Invoke decides or the path joins another.
        while (source is null)
        {
            if (!_sources && _toEntry is null && HasCall())
            {
                // No P/Invoke in the function: errno is never fresh, and what came before the last call cannot matter.
                return FromEntry(read, reports);
            }

            SyntaxNode? parent = current!.Parent;
            switch (parent)
            {
                case BlockSyntax block:
                {
                    int index = block.Statements.IndexOf((StatementSyntax)current);
                    for (int i = index - 1; i >= 0 && source is null; i--)
                    {
                        if (Chunk(block.Statements[i]) is not { } chunk || !Take(chunk, out source))
                        {
                            return false;
                        }

                        if (source is null && !_sources && _toEntry is null && HasCall())
                        {
                            return FromEntry(read, reports);
                        }
                    }

                    current = block;
                    continue;
                }

                case IfStatementSyntax ifStatement when current == ifStatement.Statement:
                case ElseClauseSyntax { Parent: IfStatementSyntax } when parent.Parent is IfStatementSyntax:
                {
                    var owner = parent as IfStatementSyntax ?? (IfStatementSyntax)parent.Parent!;
                    if (IsConstant(owner.Condition) || !Take(owner.Condition, out source))
                    {
                        return false;
                    }

                    current = owner;
                    continue;
                }

                // The start of the function: errno at entry describes nothing the rule reports.
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax
                    or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax
                    when current is BlockSyntax or ArrowExpressionClauseSyntax:
                    return FromEntry(read, reports);

                default:
                    // Loops, try, switch, labels, using, lock, constructors with initializers: paths join here.
                    return false;
            }
        }

        // A call the read is written for that is not a P/Invoke: errno is what it left, as at the function's start.
        return _guards.Contains(source) && KindOf(source) != Kind.Source && !_delegates.Contains(source) ? FromEntry(read, reports) : FromSource(read, source, reports);
    }

    /// <summary>
    /// The part of a statement that runs on the way to the next one: the statement itself, the condition of an
    /// <c>if</c> whose body always leaves, nothing for a local function's declaration; null when paths join there.
    /// </summary>
    private SyntaxNode? Chunk(StatementSyntax statement) => statement switch
    {
        ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0 } or EmptyStatementSyntax or LocalFunctionStatementSyntax => statement,
        IfStatementSyntax { Else: null } ifStatement when AlwaysLeaves(ifStatement.Statement) && !IsConstant(ifStatement.Condition) => ifStatement.Condition,
        _ => null,
    };

    /// <summary>
    /// Takes the events of a chunk, latest first, into <see cref="_after"/> until a P/Invoke (<paramref name="source"/>,
    /// null when the chunk has none); false when a path through the chunk may skip one of them.
    /// </summary>
    private bool Take(SyntaxNode chunk, out SyntaxNode? source)
    {
        source = null;
        int start = _after.Count;
        foreach (SyntaxNode node in EventsIn(chunk))
        {
            switch (EventOf(node))
            {
                case Kind.Unknown:
                    return false;
                case Kind.Call or Kind.Source:
                    if (MaySkip(node, chunk))
                    {
                        return false;
                    }

                    _after.Add(node);
                    break;
            }
        }

        // Events in the order they run (a call's arguments before it, an await's operand before it), latest first.
        SortLatestFirst(start);
        for (int i = start; i < _after.Count; i++)
        {
            if (IsSourceOrGuard(_after[i]))
            {
                source = _after[i];
                _after.RemoveRange(i, _after.Count - i);
                break;
            }
        }

        return true;
    }

    /// <summary>
    /// The events of the read's own statement that run before it: into <see cref="_after"/> (latest first, the
    /// P/Invoke last if one is among them). True when a P/Invoke decides, false when the walk goes on, null when unknown.
    /// </summary>
    private bool? Before(SyntaxNode own, SyntaxNode read)
    {
        foreach (SyntaxNode node in EventsIn(own))
        {
            if (node == read || node.Span.Contains(read.Span) || node.Span.End > read.SpanStart)
            {
                // Calls around the read or after it run after it.
                continue;
            }

            switch (EventOf(node))
            {
                case Kind.Unknown:
                    return null;
                case Kind.Call or Kind.Source:
                    if (!RunsBefore(node, read, own))
                    {
                        return null;
                    }

                    _after.Add(node);
                    break;
            }
        }

        SortLatestFirst(0);
        for (int i = 0; i < _after.Count; i++)
        {
            if (IsSourceOrGuard(_after[i]))
            {
                _after.RemoveRange(i + 1, _after.Count - i - 1);
                return true;
            }
        }

        return false;
    }

    // A P/Invoke or errno setter, or a call a read is written for: where the walk back stops.
    // For a read for a parameter's failure, nothing: every event back to the start made the caller's errno stale.
    private bool IsSourceOrGuard(SyntaxNode node) =>
        _toEntry is null && (KindOf(node) == Kind.Source || (_guards.Count > 0 && _guards.Contains(node) && KindOf(node) == Kind.Call));

    private bool HasCall()
    {
        foreach (SyntaxNode node in _after)
        {
            if (node is not AwaitExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The read is reached from the function's start with no P/Invoke on the way (or in the function at all).</summary>
    private bool FromEntry(SyntaxNode read, List<Diagnostic> reports)
    {
        if (_toEntry is not null)
        {
            // A read for the failure of a parameter: the first event after the start replaced the caller's errno.
            if (_after.Count > 0)
            {
                reports.Add(Diagnostic.Create(ErrnoReadTooLateAnalyzer.Rule, read.GetLocation(), Describe(_after[_after.Count - 1]), ErrnoReadTooLateAnalyzer.TheCallBehind(_toEntry)));
            }

            return true;
        }

        // No P/Invoke: errno is never fresh, so only awaits after the last ordinary call count; the flow names the first.
        AwaitExpressionSyntax? first = null;
        foreach (SyntaxNode node in _after)
        {
            if (node is not AwaitExpressionSyntax await)
            {
                break;
            }

            first = await;
            if (HasCallOperand(await))
            {
                // The operand call ran right before this await and wiped what earlier awaits left.
                break;
            }
        }

        if (first is not null)
        {
            reports.Add(Diagnostic.Create(ErrnoReadTooLateAnalyzer.Rule, read.GetLocation(), Describe(first), "the native call made before it"));
        }

        return true;
    }

    /// <summary>The read is reached from <paramref name="source"/> (a P/Invoke or errno setter) through the events in <see cref="_after"/>.</summary>
    private bool FromSource(SyntaxNode read, SyntaxNode source, List<Diagnostic> reports)
    {
        Location location = read.GetLocation();
        bool readsSystemError = read is InvocationExpressionSyntax call && CodeIndex.CalledName(call) == "GetLastSystemError";
        if (!readsSystemError && SavesNoError(source))
        {
            // A P/Invoke that saves no error leaves the saved error to the call before it (ErrnoFlow follows that far).
            return false;
        }

        if (_after.Count > 0)
        {
            // The first call or await after the P/Invoke made errno stale; later ones change nothing the flow reports.
            reports.Add(Diagnostic.Create(
                ErrnoReadTooLateAnalyzer.Rule, location, additionalLocations: new[] { source.GetLocation() }, properties: null,
                Describe(_after[_after.Count - 1]), TheCallTo(source)));
            return true;
        }


        // The read is for the P/Invoke right before it, or for an earlier one whose result guards the branch.
        if (!FailedCallGuarding(read, out SyntaxNode? guarded))
        {
            return false;
        }

        if ((guarded is null || guarded == source) && IsPInvoke(source))
        {
            // The last P/Invoke not tested for failure on the way, an earlier one's failure tested: the read is for that one.
            guarded = ErrnoFailurePath.EarlierFailedCall(read, source, PInvokes(), _context.Model, _context.CancellationToken) ?? guarded;
        }

        if (guarded is not null && guarded != source && guarded.SpanStart < source.SpanStart)
        {
            reports.Add(Diagnostic.Create(
                ErrnoReadTooLateAnalyzer.OtherCallRule, location, additionalLocations: new[] { guarded.GetLocation() }, properties: null,
                CallName(guarded), Line(guarded), CallName(source), Line(source)));
        }

        return true;
    }

    /// <summary>
    /// The P/Invoke whose result the innermost <c>if</c> (or <c>?:</c>) around the read tests, when the read sits in
    /// one of its arms: called in the condition itself, or stored in a local the condition reads. False when that is
    /// not clear from the syntax (two P/Invokes in the condition, a variable declared in it).
    /// </summary>
    private bool FailedCallGuarding(SyntaxNode read, out SyntaxNode? guarded)
    {
        guarded = null;
        ExpressionSyntax? condition = GuardingCondition.Of(read);
        if (condition is null)
        {
            return true;
        }

        int calls = 0;
        foreach (SyntaxNode node in EventsIn(condition))
        {
            if (node is InvocationExpressionSyntax && KindOf(node) == Kind.Source && IsPInvoke(node))
            {
                guarded = node;
                calls++;
            }
        }

        if (calls > 0)
        {
            return calls == 1;
        }

        // The locals (or parts of them) the condition reads, then the last P/Invoke stored in one of them before the
        // condition (as the whole value, or as the tested tuple element, initialized member or array element).
        var tested = new List<(ISymbol Local, string? Part)>();
        foreach (SyntaxNode node in condition.DescendantNodesAndSelf(n => !SyntaxFunctions.IsNested(n)))
        {
            if (node is DeclarationExpressionSyntax)
            {
                return false;
            }

            if (node is IdentifierNameSyntax name && _context.SymbolOf(node) is ILocalSymbol local)
            {
                tested.Add((local, ErrnoGuardCall.TestedPart(name)));
            }
        }

        foreach (SyntaxNode node in _events)
        {
            if (node is not InvocationExpressionSyntax || KindOf(node) != Kind.Source || !IsPInvoke(node) ||
                (guarded is not null && node.SpanStart <= guarded.SpanStart))
            {
                continue;
            }

            SyntaxNode? store = ErrnoGuardCall.StoreOf(node, out string? part, out string? element);
            ISymbol? local = store switch
            {
                VariableDeclaratorSyntax or SingleVariableDesignationSyntax => _context.Model.GetDeclaredSymbol(store, _context.CancellationToken),
                IdentifierNameSyntax => _context.SymbolOf(store),
                _ => null,
            };
            if (store is not null && local is ILocalSymbol && store.SpanStart < condition.SpanStart &&
                tested.Exists(t => SymbolEqualityComparer.Default.Equals(t.Local, local) && ErrnoGuardCall.Tests(t.Part, part, element)) &&
                ErrnoGuardCall.ElementKept(store, part, condition))
            {
                guarded = node;
            }
        }

        return true;
    }

    // Reused for PInvokes(), like the lists above.
    private readonly List<SyntaxNode> _pinvokes = new();

    // The function's P/Invoke calls, for ErrnoFailurePath (rarely asked: only when an errno read follows a P/Invoke).
    private List<SyntaxNode> PInvokes()
    {
        List<SyntaxNode> pinvokes = _pinvokes;
        pinvokes.Clear();
        foreach (SyntaxNode node in _events)
        {
            if (node is InvocationExpressionSyntax && KindOf(node) == Kind.Source && IsPInvoke(node))
            {
                pinvokes.Add(node);
            }
        }

        return pinvokes;
    }

    /// <summary>Whether <paramref name="node"/> runs before <paramref name="read"/> on every path through <paramref name="own"/> that reaches the read.</summary>
    private static bool RunsBefore(SyntaxNode node, SyntaxNode read, SyntaxNode own)
    {
        for (SyntaxNode? current = node; current is not null && current != own; current = current.Parent)
        {
            SyntaxNode? parent = current.Parent;
            bool readBelow = parent is not null && parent.Span.Contains(read.Span);
            switch (parent)
            {
                case ConditionalExpressionSyntax conditional:
                    // The condition always runs; an arm runs before the read only if the read is in the same arm.
                    if (current != conditional.Condition && !(readBelow && current.Span.Contains(read.Span)))
                    {
                        return false;
                    }

                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression } binary:
                    if (current != binary.Left && !(readBelow && current.Span.Contains(read.Span)))
                    {
                        return false;
                    }

                    break;
                case ConditionalAccessExpressionSyntax access:
                    if (current != access.Expression && !(readBelow && current.Span.Contains(read.Span)))
                    {
                        return false;
                    }

                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } coalesce:
                    if (current != coalesce.Left && !(readBelow && current.Span.Contains(read.Span)))
                    {
                        return false;
                    }

                    break;
                case SwitchExpressionSyntax or IsPatternExpressionSyntax:
                    return false;
            }
        }

        return true;
    }

    // Whether some path through the chunk may skip the node: it sits in an arm of a conditional.
    private static bool MaySkip(SyntaxNode node, SyntaxNode chunk)
    {
        for (SyntaxNode? current = node.Parent; current is not null && chunk.Span.Contains(current.Span); current = current.Parent)
        {
            switch (current)
            {
                case ConditionalExpressionSyntax or ConditionalAccessExpressionSyntax or SwitchExpressionSyntax or IsPatternExpressionSyntax:
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression }:
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression or (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression }:
                    return true;
            }
        }

        return false;
    }

    private static bool AlwaysLeaves(StatementSyntax statement) => GuardingCondition.AlwaysLeaves(statement);

    private bool IsConstant(ExpressionSyntax condition) => _context.Model.GetConstantValue(condition, _context.CancellationToken).HasValue;

    /// <summary>Whether an await's operand is an ordinary call (through parentheses and casts), which runs right before it.</summary>
    private bool HasCallOperand(AwaitExpressionSyntax await)
    {
        ExpressionSyntax operand = await.Expression;
        while (operand is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            operand = operand is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)operand).Expression;
        }

        return operand is InvocationExpressionSyntax && KindOf(operand) == Kind.Call;
    }

    private static bool ReadsSystemError(List<SyntaxNode> reads)
    {
        foreach (SyntaxNode read in reads)
        {
            if (read is InvocationExpressionSyntax call && CodeIndex.CalledName(call) == "GetLastSystemError")
            {
                return true;
            }
        }

        return false;
    }

    private bool HasManagedOnlyEvent()
    {
        foreach (SyntaxNode node in _events)
        {
            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax && KindOf(node) == Kind.ManagedOnly)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsPInvoke(SyntaxNode call) =>
        _context.SymbolOf(call) is IMethodSymbol method && _api.IsPInvoke(method.ReducedFrom ?? method);

    // A P/Invoke declared without SetLastError: its stub saves no error.
    private bool SavesNoError(SyntaxNode call) =>
        _context.SymbolOf(call) is IMethodSymbol method && _api.IsPInvoke(method.ReducedFrom ?? method) && !_api.SetsLastError(method.ReducedFrom ?? method);

    /// <summary>
    /// What a node is to the flow: an await or a call that may set errno (<see cref="Kind.Call"/>), a P/Invoke, an errno
    /// read, nothing (<see cref="Kind.Pure"/>), or code the compiler expands into calls the syntax does not show (<see cref="Kind.Unknown"/>).
    /// </summary>
    private Kind EventOf(SyntaxNode node) => node switch
    {
        AwaitExpressionSyntax => Kind.Call,
        // The constructor runs before the initializer's calls, though its span ends after them: the flow orders them.
        BaseObjectCreationExpressionSyntax { Initializer: { } initializer } when HasEvents(initializer) => Kind.Unknown,
        InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax => KindOf(node),
        // Deconstruct calls, Slice on a range, the builder of an interpolated string handler.
        AssignmentExpressionSyntax or RangeExpressionSyntax => Kind.Unknown,
        InterpolatedStringExpressionSyntax interpolated => IsPlainString(interpolated) ? Kind.Pure : Kind.Unknown,
        _ => Kind.Pure,
    };

    private bool HasEvents(InitializerExpressionSyntax initializer)
    {
        foreach (SyntaxNode node in EventsIn(initializer))
        {
            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AwaitExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private Kind KindOf(SyntaxNode node)
    {
        if (_kinds.TryGetValue(node, out Kind known))
        {
            return known;
        }

        Kind kind = node switch
        {
            InvocationExpressionSyntax call => Classify(call),
            BaseObjectCreationExpressionSyntax creation => Classify(creation),
            _ => Kind.Pure,
        };
        _kinds[node] = kind;
        return kind;
    }

    private Kind Classify(InvocationExpressionSyntax call)
    {
        ISymbol? symbol = _context.SymbolOf(call);
        if (symbol is not IMethodSymbol method)
        {
            return symbol is null && call.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } ? Kind.Pure : Kind.Unknown;
        }

        if (method.MethodKind == MethodKind.FunctionPointerSignature)
        {
            return Kind.Unknown;
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            _delegateInvocations.Add(call);
        }

        method = method.ReducedFrom ?? method;
        if (ErrnoReadTooLateAnalyzer.IsErrnoReadCall(_api, method, _context.Model))
        {
            return Kind.Read;
        }

        if (ErrnoReadTooLateAnalyzer.IsErrnoSetter(_api, method) || _api.IsPInvoke(method))
        {
            return Kind.Source;
        }

        return ErrnoReadTooLateAnalyzer.CannotTouchErrno(method, _api) ? Kind.Pure :
            ErrnoReadTooLateAnalyzer.KeepsSavedError(method, _api) ? Kind.ManagedOnly : Kind.Call;
    }

    private Kind Classify(BaseObjectCreationExpressionSyntax creation)
    {
        if (_context.Model.GetTypeInfo(creation, _context.CancellationToken).Type is { TypeKind: TypeKind.Delegate })
        {
            return Kind.Pure;
        }

        if (_context.SymbolOf(creation) is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ||
            (constructor.IsImplicitlyDeclared && constructor.ContainingType.IsValueType))
        {
            return Kind.Unknown;
        }

        if (ErrnoReadTooLateAnalyzer.IsErrnoReadConstructor(_api, constructor))
        {
            return Kind.Read;
        }

        return ErrnoReadTooLateAnalyzer.CannotTouchErrno(constructor, _api) ? Kind.Pure :
            ErrnoReadTooLateAnalyzer.KeepsSavedError(constructor, _api) ? Kind.ManagedOnly : Kind.Call;
    }

    /// <summary>Whether an interpolated string is just a string (no handler type whose methods the compiler calls).</summary>
    private bool IsPlainString(InterpolatedStringExpressionSyntax interpolated)
    {
        ITypeSymbol? type = _context.Model.GetTypeInfo(interpolated, _context.CancellationToken).ConvertedType;
        return type is null || type.SpecialType is SpecialType.System_String or SpecialType.System_Object ||
               type.Name is "IFormattable" or "FormattableString";
    }

    // The events of the function inside a piece of its code (nested functions run at another time and are not among them).
    private EventsWithin EventsIn(SyntaxNode code) => new(_events, code.Span);

    // The flow's words for an event: "the await on line 12", "the call to 'close'".
    private string Describe(SyntaxNode node) => node is AwaitExpressionSyntax ? "the await on line " + Line(node) : TheCallTo(node);

    private string TheCallTo(SyntaxNode call) => ErrnoReadTooLateAnalyzer.TheCallTo(_context.SymbolOf(call) as IMethodSymbol, call, CallName(call));


    private string CallName(SyntaxNode call) => _context.SymbolOf(call) switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.Name,
        IMethodSymbol method => method.Name,
        _ => call.ToString(),
    };

    private static string Line(SyntaxNode node) =>
        (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Sorts <see cref="_after"/> from <paramref name="start"/> on in the order the events run, latest first: a call's
    /// arguments run before it, so the one that ends last ran last. An insertion sort: a statement has few events.
    /// </summary>
    private void SortLatestFirst(int start)
    {
        for (int i = start + 1; i < _after.Count; i++)
        {
            SyntaxNode node = _after[i];
            int end = node.Span.End;
            int j = i - 1;
            while (j >= start && _after[j].Span.End < end)
            {
                _after[j + 1] = _after[j];
                j--;
            }

            _after[j + 1] = node;
        }
    }

    /// <summary>The events of <see cref="_events"/> inside a span, without allocating an iterator.</summary>
    private readonly struct EventsWithin
    {
        private readonly List<SyntaxNode> _events;
        private readonly Microsoft.CodeAnalysis.Text.TextSpan _span;

        public EventsWithin(List<SyntaxNode> events, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            _events = events;
            _span = span;
        }

        public Enumerator GetEnumerator() => new(_events, _span);

        public struct Enumerator
        {
            private readonly List<SyntaxNode> _events;
            private readonly Microsoft.CodeAnalysis.Text.TextSpan _span;
            private int _index;

            public Enumerator(List<SyntaxNode> events, Microsoft.CodeAnalysis.Text.TextSpan span)
            {
                _events = events;
                _span = span;
                _index = -1;
            }

            public readonly SyntaxNode Current => _events[_index];

            public bool MoveNext()
            {
                while (++_index < _events.Count)
                {
                    if (_span.Contains(_events[_index].Span))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
