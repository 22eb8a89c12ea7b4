using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001: errno (<c>Marshal.GetLastPInvokeError</c>, <c>GetLastWin32Error</c>, <c>GetLastSystemError</c>,
/// <c>GetLastPInvokeErrorMessage</c>, <c>new Win32Exception()</c>) is read where it no longer describes the call
/// it is read for: after an await or another call on some path from that call, after a P/Invoke declared without
/// <c>SetLastError</c>, or for a call that another P/Invoke followed.
/// </summary>
/// <remarks>
/// errno is per thread and every native call may overwrite it. An await may resume on another thread, whose
/// errno belongs to whatever that thread ran last; any call in between (logging, allocation, a property that
/// P/Invokes) may set it again. The rule follows every path to the read through the control flow graph: a loop's
/// next iteration, a catch reached from its try, the code after a finally.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ErrnoReadTooLateAnalyzer : FunctionBodyAnalyzer
{
    /// <summary>The rule id.</summary>
    public const string Id = "ASYS1001";

    /// <summary>The errno reads this rule checks, all on <c>Marshal</c>.</summary>
    internal static readonly ImmutableHashSet<string> ErrnoReaders =
        ImmutableHashSet.Create("GetLastPInvokeError", "GetLastWin32Error", "GetLastSystemError", "GetLastPInvokeErrorMessage", "GetHRForLastWin32Error");

    // Marshal's errno setters put errno where the reader expects it: they count as "the call".
    private static readonly ImmutableHashSet<string> ErrnoSetters =
        ImmutableHashSet.Create("SetLastPInvokeError", "SetLastSystemError");

    // Types whose methods do not reach native code, so a call to them cannot change errno: namespace and metadata name.
    private static readonly (string Namespace, string Name)[] PureTypes =
    {
        ("System", "Math"), ("System", "MathF"), ("System", "Span`1"), ("System", "ReadOnlySpan`1"), ("System", "MemoryExtensions"),
        ("System.Runtime.CompilerServices", "Unsafe"), ("System.Buffers.Binary", "BinaryPrimitives"), ("System", "BitConverter"),
        ("System.Numerics", "BitOperations"), ("System.Runtime.InteropServices", "MemoryMarshal"),
        // ZeroMemory and FixedTimeEquals: managed loops over a span (wiping a secret after a failed call is common).
        ("System.Security.Cryptography", "CryptographicOperations"),
        // Memory-ordering intrinsics: compiled to plain or locked instructions, no call into the runtime's native code.
        ("System.Threading", "Volatile"), ("System.Threading", "Interlocked"),
    };

    private const string Description = "errno is per thread and any native call may overwrite it. Read Marshal.GetLastPInvokeError (or GetLastWin32Error, GetLastSystemError, GetLastPInvokeErrorMessage) on every path right after the P/Invoke it reports on, before any await or other call, declare that P/Invoke with SetLastError = true, and read it for the last P/Invoke made; or await the [AsyncSyscall] variant, whose ErrnoException carries the errno captured on the right thread.";

    internal static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "errno is read too late",
        messageFormat: "errno is read after {0}, so it may no longer describe {1}; read it right after that call",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor WithoutSetLastErrorRule = new(
        Id,
        title: "errno is read too late",
        messageFormat: "errno is read after '{0}', which is declared without SetLastError = true, so the value is stale; declare it with SetLastError = true or read it with Marshal.GetLastSystemError",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(Id));

    internal static readonly DiagnosticDescriptor OtherCallRule = new(
        Id,
        title: "errno is read too late",
        messageFormat: "errno is read for the failure of '{0}' (line {1}), but '{2}' (line {3}) ran after it and set errno; read it right after '{0}'",
        category: DiagnosticCategories.Usage,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: HelpLinks.For(Id));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, WithoutSetLastErrorRule, OtherCallRule);

    /// <inheritdoc/>
    private protected override bool AppliesTo(AsyncSysApi api) => api.Marshal is not null;

    /// <summary>Without the name of an errno reader (or Win32Exception) there is nothing to check.</summary>
    private protected override bool IsCandidate(CodeRoot root) => root.HasAny(CodeFeatures.ErrnoRead);

    private protected override void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        // The errno reads, each bound on its own, by the function they run in (almost always one: the root's own).
        SyntaxNode root = context.Root.Syntax;
        SyntaxNode? onlyFunction = null;
        List<SyntaxNode>? onlyReads = null;
        Dictionary<SyntaxNode, List<SyntaxNode>>? readsByFunction = null;
        foreach (SyntaxNode node in PossibleReads(context.Root))
        {
            if (!IsErrnoRead(context, api, node))
            {
                continue;
            }

            SyntaxNode function = SyntaxFunctions.Enclosing(node, root);
            if (ReadAtCallbackStart(context, function, node) is { } runner)
            {
                context.Report(Diagnostic.Create(Rule, node.GetLocation(),
                    "the start of a callback that " + runner + " runs on another thread, whose errno is that thread's",
                    "the call made before the callback was handed over"));
                continue;
            }

            if (onlyFunction is null || onlyFunction == function)
            {
                onlyFunction = function;
                (onlyReads ??= new List<SyntaxNode>()).Add(node);
                continue;
            }

            if (readsByFunction is null)
            {
                readsByFunction = new Dictionary<SyntaxNode, List<SyntaxNode>> { [onlyFunction] = onlyReads! };
            }

            if (!readsByFunction.TryGetValue(function, out List<SyntaxNode>? reads))
            {
                readsByFunction[function] = reads = new List<SyntaxNode>();
            }

            reads.Add(node);
        }

        if (onlyFunction is null)
        {
            return;
        }

        // Most functions read errno right after the call or await it reports on: decided from the syntax and the
        // calls' symbols, no operation tree, no graph. The others go through the flow.
        ErrnoStraightLine straightLine = ErrnoStraightLine.For(context, api);
        HashSet<SyntaxNode>? needsFlow = null;
        try
        {
            if (readsByFunction is null)
            {
                Decide(context, straightLine, onlyFunction, onlyReads!, ref needsFlow);
            }
            else
            {
                foreach (KeyValuePair<SyntaxNode, List<SyntaxNode>> function in readsByFunction)
                {
                    Decide(context, straightLine, function.Key, function.Value, ref needsFlow);
                }
            }
        }
        finally
        {
            straightLine.Release();
        }

        if (needsFlow is null)
        {
            return;
        }

        foreach (FunctionBody body in context.Bodies)
        {
            if (needsFlow.Contains(FunctionSyntax(body.Root.Syntax, root)))
            {
                AnalyzeWithFlow(context, api, body);
            }
        }
    }

    /// <summary>
    /// Since round 48: a read that is the first thing a callback does, in a lambda handed to another thread
    /// (<see cref="ThreadHops"/>): no call, await or loop of the lambda comes before it, so it reads the error of whatever
    /// that thread (a pool thread, a timer's, a new one) last called, never of the call the code made before handing the
    /// callback over (<c>if (connect(...) &lt; 0) ThreadPool.QueueUserWorkItem(_ =&gt; Report(Marshal.GetLastPInvokeError()));</c>).
    /// Read it before handing over, and capture the number. Returns the API that runs the callback, or null.
    /// </summary>
    private static string? ReadAtCallbackStart(CodeRootContext context, SyntaxNode function, SyntaxNode read)
    {
        if (function is not AnonymousFunctionExpressionSyntax lambda || lambda.Parent is not ArgumentSyntax)
        {
            return null;
        }

        foreach (SyntaxNode node in lambda.Body.DescendantNodes())
        {
            if (node.SpanStart >= read.SpanStart)
            {
                break;
            }

            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AwaitExpressionSyntax && node.Span.End <= read.SpanStart)
            {
                return null;
            }

            if (node is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
                && node.Span.Contains(read.Span))
            {
                return null;
            }
        }

        return ThreadHops.RunnerOf(lambda, context.Model, context.CancellationToken);
    }

    // Decides one function's reads from the syntax, or marks it for the flow.
    private static void Decide(CodeRootContext context, ErrnoStraightLine straightLine, SyntaxNode function, List<SyntaxNode> reads, ref HashSet<SyntaxNode>? needsFlow)
    {
        List<Diagnostic> reports = straightLine.Reports;
        reports.Clear();
        switch (straightLine.Decide(function, reads, reports))
        {
            case ErrnoStraightLine.Outcome.Decided:
                foreach (Diagnostic report in reports)
                {
                    context.Report(report);
                }

                break;
            case ErrnoStraightLine.Outcome.NeedsFlow:
                (needsFlow ??= new HashSet<SyntaxNode>()).Add(function);
                break;
        }

        reports.Clear();
    }

    // The function a body's root operation stands for: the lambda or local function around its block, or the root.
    private static SyntaxNode FunctionSyntax(SyntaxNode node, SyntaxNode root)
    {
        for (SyntaxNode? current = node; current is not null && current != root; current = current.Parent)
        {
            if (SyntaxFunctions.IsNested(current))
            {
                return current;
            }
        }

        return root;
    }

    private static void AnalyzeWithFlow(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
        // Without an errno read there is nothing to check; without a P/Invoke, an errno setter, an await or a delegate
        // call a read is written for, every read reports on a call out of sight (a helper that wraps the P/Invoke),
        // which is never reported.
        bool reads = false, savedReads = false, directReads = false, sources = body.AwaitPositions.Length > 0, delegateCalls = false;
        Dictionary<SyntaxNode, string>? parameterReads = null;
        foreach (IOperation operation in body.Operations)
        {
            if (IsErrnoRead(api, operation))
            {
                reads = true;
                savedReads |= ReadsSavedError(operation);
                directReads |= !ReadsSavedError(operation);
                if (ErrnoFailurePath.FailedParameter(operation.Syntax, context.Model, context.CancellationToken) is { } parameter)
                {
                    (parameterReads ??= new Dictionary<SyntaxNode, string>())[operation.Syntax] = parameter;
                }
            }
            else if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke })
            {
                delegateCalls = true;
            }
            else if (!sources && operation switch
                     {
                         IInvocationOperation call => api.IsPInvoke(call.TargetMethod) || IsMarshal(api, call.TargetMethod, ErrnoSetters),
                         IUsingOperation { IsAsynchronous: true } or IUsingDeclarationOperation { IsAsynchronous: true } => true,
                         _ => false,
                     })
            {
                sources = true;
            }
        }

        if (!reads || !(sources || delegateCalls || parameterReads is not null))
        {
            return;
        }

        // A delegate a read is written for may have made the P/Invoke: a source too.
        HashSet<SyntaxNode>? guards = GuardCalls(api, body, out HashSet<SyntaxNode>? delegates);
        if ((sources || delegates is not null || parameterReads is not null) && context.GraphOf(body) is { } graph)
        {
            // Each kind of read on its own pass: a P/Invoke without SetLastError changes errno, not the saved error.
            if (savedReads)
            {
                ForwardFlow.Run(graph, new ErrnoFlow(context, api, body, guards, delegates, parameterReads, savedErrorReads: true));
            }

            if (directReads)
            {
                ForwardFlow.Run(graph, new ErrnoFlow(context, api, body, guards, delegates, parameterReads, savedErrorReads: false));
            }
        }
    }

    /// <summary>
    /// Whether a read is of the error the marshaller saved after a P/Invoke declared with SetLastError (every read but
    /// <c>Marshal.GetLastSystemError</c>, which reads errno itself).
    /// </summary>
    internal static bool ReadsSavedError(IOperation read) => read is not IInvocationOperation { TargetMethod.Name: "GetLastSystemError" };

    // The calls the body's errno reads are written for (ErrnoGuardCall), from the body's own calls; and those of them
    // that invoke a delegate, also when only dropped calls stand between their test and the read.
    private static HashSet<SyntaxNode>? GuardCalls(AsyncSysApi api, FunctionBody body, out HashSet<SyntaxNode>? delegates)
    {
        delegates = null;
        List<SyntaxNode>? calls = null;
        HashSet<SyntaxNode>? guards = null;
        HashSet<SyntaxNode>? delegateCalls = null;
        HashSet<SyntaxNode>? candidates = null;
        foreach (IOperation operation in body.Operations)
        {
            if (!IsErrnoRead(api, operation))
            {
                continue;
            }

            if (calls is null)
            {
                calls = new List<SyntaxNode>();
                foreach (IOperation candidate in body.Operations)
                {
                    if (candidate is IInvocationOperation { Syntax: InvocationExpressionSyntax syntax } call)
                    {
                        calls.Add(syntax);
                        if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
                        {
                            (delegateCalls ??= new HashSet<SyntaxNode>()).Add(syntax);
                        }
                    }
                }
            }

            ErrnoGuardCall.AddTo(guards ??= new HashSet<SyntaxNode>(), operation.Syntax, calls);
            if (delegateCalls is not null)
            {
                ErrnoGuardCall.AddEarlierExitTo(candidates ??= new HashSet<SyntaxNode>(), operation.Syntax, calls);
            }
        }

        if (delegateCalls is null)
        {
            return guards;
        }

        // Only delegates are taken from the farther reach.
        if (candidates is not null)
        {
            candidates.IntersectWith(delegateCalls);
            guards!.UnionWith(candidates);
        }

        foreach (SyntaxNode guard in guards!)
        {
            if (delegateCalls.Contains(guard))
            {
                (delegates ??= new HashSet<SyntaxNode>()).Add(guard);
            }
        }

        return guards;
    }

    /// <summary>
    /// Calls, creations and property reads that may be errno reads by their names alone, found from the root's marks:
    /// Marshal's readers, <c>Win32Exception</c>, and helpers or known library readers (a call, or a property read).
    /// </summary>
    private static IEnumerable<SyntaxNode> PossibleReads(CodeRoot root)
    {
        bool win32Exception = false;
        foreach (Mark mark in root.Marks)
        {
            if ((mark.Features & CodeFeatures.ErrnoRead) == 0 || mark.Name is not { } name)
            {
                continue;
            }

            string text = name.Identifier.ValueText;
            if (ErrnoReaders.Contains(text))
            {
                if (CodeIndex.CallOf(name) is { } call)
                {
                    yield return call;

                    // A local function that returns the read is a helper too: its calls in this root are reads.
                    if (ErrnoHelpers.LocalFunctionReturning(call) is { } helper)
                    {
                        foreach (SyntaxNode node in root.Syntax.DescendantNodes())
                        {
                            if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax called } localHelperCall &&
                                called.Identifier.ValueText == helper.Identifier.ValueText)
                            {
                                yield return localHelperCall;
                            }
                        }
                    }
                }

                continue;
            }

            if (text == "Win32Exception")
            {
                // new Win32Exception(), new System.ComponentModel.Win32Exception(...)
                win32Exception = true;
                SyntaxNode type = name;
                while (type.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax)
                {
                    type = type.Parent;
                }

                if (type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type)
                {
                    yield return creation;
                }

                continue;
            }

            // A helper or a library reader: its call, or the property read (not a write to it).
            if (CodeIndex.CallOf(name) is { } helperCall)
            {
                yield return helperCall;
                continue;
            }

            SyntaxNode access = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
            if (access.Parent is not AssignmentExpressionSyntax assignment || assignment.Left != access)
            {
                yield return access;
            }
        }

        if (win32Exception)
        {
            // Win32Exception error = new(); names the type elsewhere: the target-typed creations are bound to see.
            foreach (SyntaxNode node in root.Syntax.DescendantNodes())
            {
                if (node is ImplicitObjectCreationExpressionSyntax)
                {
                    yield return node;
                }
            }
        }
    }

    private static bool IsErrnoRead(CodeRootContext context, AsyncSysApi api, SyntaxNode node) => context.SymbolOf(node) switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => IsErrnoReadConstructor(api, constructor),
        IMethodSymbol method when node is InvocationExpressionSyntax => IsErrnoReadCall(api, method, context.Model),
        IPropertySymbol property when node is not InvocationExpressionSyntax => api.ErrnoHelpers.IsReader(property, context.Model),
        _ => false,
    };

    /// <summary>A call that reads errno: Marshal's readers, a helper returning one, a known library reader.</summary>
    internal static bool IsErrnoReadCall(AsyncSysApi api, IMethodSymbol method, SemanticModel? model)
    {
        method = method.ReducedFrom ?? method;
        return IsErrnoReadMethod(api, method) || (!IsMarshal(api, method) && api.ErrnoHelpers.IsReader(method, model));
    }

    /// <summary>Marshal.GetLastPInvokeError and the other readers.</summary>
    internal static bool IsErrnoReadMethod(AsyncSysApi api, IMethodSymbol method) => IsMarshal(api, method, ErrnoReaders);

    /// <summary>Win32Exception() and Win32Exception(string) take their code from Marshal.GetLastPInvokeError.</summary>
    internal static bool IsErrnoReadConstructor(AsyncSysApi api, IMethodSymbol constructor) =>
        api.Win32Exception is not null && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, api.Win32Exception) &&
        (constructor.Parameters.Length == 0 || (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String));

    internal static bool IsErrnoRead(AsyncSysApi api, IOperation operation) => operation switch
    {
        IInvocationOperation invocation => IsErrnoReadCall(api, invocation.TargetMethod, operation.SemanticModel),
        IPropertyReferenceOperation property => !IsWritten(property) && api.ErrnoHelpers.IsReader(property.Property, operation.SemanticModel),
        // Win32Exception() and Win32Exception(string) take their code from Marshal.GetLastPInvokeError.
        IObjectCreationOperation { Constructor: { } constructor } creation =>
            api.Win32Exception is not null && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, api.Win32Exception) &&
            (creation.Arguments.Length == 0 || (creation.Arguments.Length == 1 && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)),
        _ => false,
    };

    /// <summary>
    /// How a report names a call: "the call to 'close'"; for a delegate, by what is invoked ("the call to the delegate
    /// 'call'"), not by its Invoke method.
    /// </summary>
    internal static string TheCallTo(IMethodSymbol? method, SyntaxNode syntax, string name)
    {
        if (method is { MethodKind: MethodKind.DelegateInvoke } && syntax is InvocationExpressionSyntax { Expression: var invoked })
        {
            if (invoked is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } explicitInvoke)
            {
                invoked = explicitInvoke.Expression;
            }

            return "the call to the delegate '" + invoked + "'";
        }

        return "the call to '" + name + "'";
    }

    /// <summary>How a report names the caller's call a read for a parameter's failure is about.</summary>
    internal static string TheCallBehind(string parameter) => "the call whose result was passed as '" + parameter + "'";

    internal static bool IsErrnoSetter(AsyncSysApi api, IMethodSymbol method) => IsMarshal(api, method, ErrnoSetters);

    // A property on the left of an assignment is set, not read (a compound assignment reads it, but sets errno's
    // holder, not errno: no reader is written to that way).
    private static bool IsWritten(IOperation operation) => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    private static bool IsMarshal(AsyncSysApi api, IMethodSymbol method) => SymbolEqualityComparer.Default.Equals(method.ContainingType, api.Marshal);

    private static bool IsMarshal(AsyncSysApi api, IMethodSymbol method, ImmutableHashSet<string> names) =>
        names.Contains(method.Name) && SymbolEqualityComparer.Default.Equals(method.ContainingType, api.Marshal);

    internal static bool CannotTouchErrno(IMethodSymbol method, AsyncSysApi api)
    {
        INamedTypeSymbol? type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        // string, the numbers, bool, char: formatting and parsing stay in managed code. Not the special interfaces
        // (IDisposable, IEnumerator): their implementations are anyone's code, such as the Dispose a using calls.
        if (type.SpecialType is not (SpecialType.None or SpecialType.System_Object) && type.TypeKind != TypeKind.Interface)
        {
            return true;
        }

        foreach ((string ns, string name) in PureTypes)
        {
            if (SymbolNames.IsNamed(type, ns, name))
            {
                return true;
            }
        }

        return IsLockEntryOrExit(method, type) || SignalsKeepingErrno.Contains(method, type, api);
    }

    /// <summary>
    /// A call that leaves the saved error alone (<see cref="ManagedOnlyCalls"/>) but not necessarily errno itself: it may
    /// allocate, and the runtime's native code (the garbage collector) may set errno, which GetLastSystemError reads.
    /// </summary>
    internal static bool KeepsSavedError(IMethodSymbol method, AsyncSysApi api) =>
        CannotTouchErrno(method, api) || (method.ContainingType?.OriginalDefinition is { } type && ManagedOnlyCalls.Contains(method, type));

    /// <summary>
    /// Taking and releasing a lock: <c>Monitor.Enter</c>/<c>TryEnter</c>/<c>Exit</c>/<c>IsEntered</c> (also the hidden
    /// ones of a <c>lock</c> statement) and <c>System.Threading.Lock</c>'s <c>Enter</c>/<c>TryEnter</c>/<c>Exit</c>/
    /// <c>EnterScope</c>/<c>IsHeldByCurrentThread</c> and its scope's <c>Dispose</c> (a <c>lock</c> on a Lock).
    /// </summary>
    /// <remarks>
    /// The saved error <c>Marshal.GetLastPInvokeError</c> returns is written only by a P/Invoke declared with
    /// <c>SetLastError</c> (and <c>SetLastPInvokeError</c>). These make none: uncontended they are a compare-and-swap in
    /// managed code; contended, they spin and wait in the runtime's own native code (QCalls and the wait subsystem, none
    /// declared with SetLastError, over pthread calls that return their error rather than set errno). Not
    /// <c>Monitor.Wait</c>/<c>Pulse</c>: a wait that gives the lock up is another matter, and rarely sits between a call
    /// and its errno read.
    /// </remarks>
    private static bool IsLockEntryOrExit(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (SymbolNames.IsNamed(type, "System.Threading", "Monitor"))
        {
            return method.Name is "Enter" or "TryEnter" or "Exit" or "IsEntered";
        }

        if (SymbolNames.IsNamed(type, "System.Threading", "Lock"))
        {
            return method.Name is "Enter" or "TryEnter" or "Exit" or "EnterScope" or "IsHeldByCurrentThread";
        }

        return method.Name == "Dispose" && type.Name == "Scope" && type.ContainingType is { } owner && SymbolNames.IsNamed(owner, "System.Threading", "Lock");
    }

    /// <summary>What may hold at one point: which call errno last described, and what came after it.</summary>
    private readonly struct ErrnoFacts : System.IEquatable<ErrnoFacts>
    {
        public ErrnoFacts(ulong fresh, bool freshWithoutSetLastError, ulong staleFrom, ulong staleBy, ulong awaitedBy)
        {
            Fresh = fresh;
            FreshWithoutSetLastError = freshWithoutSetLastError;
            StaleFrom = staleFrom;
            StaleBy = staleBy;
            AwaitedBy = awaitedBy;
            EntryFresh = false;
            EntryStaleBy = 0;
        }

        private ErrnoFacts(ErrnoFacts facts, bool entryFresh, ulong entryStaleBy)
        {
            this = facts;
            EntryFresh = entryFresh;
            EntryStaleBy = entryStaleBy;
        }

        private ErrnoFacts(ErrnoFacts facts, HeldFacts? held)
        {
            this = facts;
            Held = held;
        }

        private ErrnoFacts(ErrnoFacts facts, ulong unsaved)
        {
            this = facts;
            Unsaved = unsaved;
        }

        /// <summary>
        /// P/Invokes declared without SetLastError made since the fresh one (by event index): their stubs do not save
        /// errno, so the saved error is still the fresh call's; kept to tell a read written for one of them.
        /// </summary>
        public ulong Unsaved { get; }

        /// <summary>These facts with a P/Invoke that saves no error made after the fresh one.</summary>
        public ErrnoFacts WithUnsaved(ulong unsaved) => new(this, unsaved);

        /// <summary>
        /// The facts of the paths on which a local the flow follows holds one of its constant values (ConstantArms), kept
        /// apart so a test that rules those values out drops them; null when no path here has.
        /// </summary>
        public HeldFacts? Held { get; }

        /// <summary>These facts with the held paths given.</summary>
        public ErrnoFacts WithHeld(HeldFacts? held) => new(this, held);

        /// <summary>The facts of every path here, held or not.</summary>
        public ErrnoFacts All => Held is null ? this : Merge(WithHeld(null), Held.Facts);

        /// <summary>What holds on either of two sets of paths.</summary>
        public static ErrnoFacts Merge(ErrnoFacts first, ErrnoFacts second)
        {
            HeldFacts? held = first.Held is null ? second.Held : second.Held is null ? first.Held : new HeldFacts(Merge(first.Held.Facts, second.Held.Facts));
            return new ErrnoFacts(
                first.Fresh | second.Fresh,
                first.FreshWithoutSetLastError || second.FreshWithoutSetLastError,
                first.StaleFrom | second.StaleFrom,
                first.StaleBy | second.StaleBy,
                first.AwaitedBy | second.AwaitedBy).WithEntry(first.EntryFresh || second.EntryFresh, first.EntryStaleBy | second.EntryStaleBy).WithHeld(held)
                .WithUnsaved(first.Unsaved | second.Unsaved);
        }

        /// <summary>Whether some path here has run no event since the function's start: errno is still the caller's.</summary>
        public bool EntryFresh { get; }

        /// <summary>The first events after the start on the paths here: what replaced the caller's errno.</summary>
        public ulong EntryStaleBy { get; }

        /// <summary>These facts, with the facts about the caller's errno given.</summary>
        public ErrnoFacts WithEntry(bool entryFresh, ulong entryStaleBy) => new(this, entryFresh, entryStaleBy);

        /// <summary>P/Invokes (by event index) errno may still describe.</summary>
        public ulong Fresh { get; }

        /// <summary>Whether one of those was declared without SetLastError.</summary>
        public bool FreshWithoutSetLastError { get; }

        /// <summary>P/Invokes whose errno a later call or await may have replaced.</summary>
        public ulong StaleFrom { get; }

        /// <summary>The calls and awaits that did.</summary>
        public ulong StaleBy { get; }

        /// <summary>Awaits with no P/Invoke seen before them: errno is the other thread's either way.</summary>
        public ulong AwaitedBy { get; }

        public bool Equals(ErrnoFacts other) =>
            Fresh == other.Fresh && FreshWithoutSetLastError == other.FreshWithoutSetLastError &&
            StaleFrom == other.StaleFrom && StaleBy == other.StaleBy && AwaitedBy == other.AwaitedBy && Unsaved == other.Unsaved &&
            EntryFresh == other.EntryFresh && EntryStaleBy == other.EntryStaleBy &&
            (Held is null ? other.Held is null : other.Held is not null && Held.Facts.Equals(other.Held.Facts));

        public override bool Equals(object? obj) => obj is ErrnoFacts other && Equals(other);

        public override int GetHashCode() => (Fresh ^ StaleFrom ^ StaleBy ^ AwaitedBy).GetHashCode();
    }

    /// <summary>The facts of the paths where a followed local holds a constant (a class: a struct cannot hold itself).</summary>
    private sealed class HeldFacts
    {
        public HeldFacts(ErrnoFacts facts) => Facts = facts;

        public ErrnoFacts Facts { get; }
    }

    /// <summary>The flow of errno through one function.</summary>
    private sealed class ErrnoFlow : IFlowRule<ErrnoFacts>
    {
        private readonly CodeRootContext _context;
        private readonly AsyncSysApi _api;
        private readonly FunctionBody _body;
        private readonly HashSet<SyntaxNode>? _guardCalls;

        // Those that invoke a delegate, which may have made the P/Invoke: errno describes them until the next call.
        private readonly HashSet<SyntaxNode>? _delegateCalls;

        // Event indices for the messages: P/Invokes, calls and awaits, in the order first seen (capped at 64 bits).
        private readonly List<IOperation> _indexed = new();
        private readonly Dictionary<IOperation, int> _indexOf = new();

        // The reads written for the failure of a parameter, with its name: errno is the caller's at the start.
        private readonly Dictionary<SyntaxNode, string>? _parameterReads;

        // Which reads this pass decides: those of the error the marshaller saved (GetLastPInvokeError and the rest), which
        // only a P/Invoke declared with SetLastError writes, or those of errno itself (GetLastSystemError), which any
        // native call may change.
        private readonly bool _savedErrorReads;

        public ErrnoFlow(CodeRootContext context, AsyncSysApi api, FunctionBody body, HashSet<SyntaxNode>? guardCalls, HashSet<SyntaxNode>? delegateCalls,
            Dictionary<SyntaxNode, string>? parameterReads, bool savedErrorReads)
        {
            _savedErrorReads = savedErrorReads;
            _context = context;
            _api = api;
            _body = body;
            _guardCalls = guardCalls;
            _delegateCalls = delegateCalls;
            _parameterReads = parameterReads;
        }

        public ErrnoFacts Entry => default(ErrnoFacts).WithEntry(entryFresh: true, 0);

        // A local set once from a switch expression or ?: with both constant and computed arms (ConstantArms): the paths
        // through its constant arms are kept apart, so a test the constants cannot pass (`rc != 0` after `_ => 0`) drops them.
        private ConstantArms? _arms;
        private bool _armsSought;

        private ConstantArms? Arms
        {
            get
            {
                if (!_armsSought)
                {
                    _armsSought = true;
                    _arms = ConstantArms.Find(_body);
                }

                return _arms;
            }
        }

        public ErrnoFacts? Assume(IOperation condition, ErrnoFacts state, bool value) =>
            state.Held is not null && Arms is { } arms && arms.RulesOut(condition, value) ? state.WithHeld(null) : state;

        public ErrnoFacts Join(ErrnoFacts first, ErrnoFacts second) => ErrnoFacts.Merge(first, second);

        /// <summary>A call may overwrite errno before it throws; an await that throws has resumed, maybe elsewhere.</summary>
        public bool TakesEffectWhenThrowing(IOperation operation) => true;

        public bool IsEvent(IOperation operation) => operation switch
        {
            IAwaitOperation => true,
            // The consumer runs at a yield return (and, in an async iterator, may await): like a call, or an await.
            IReturnOperation { Kind: OperationKind.YieldReturn } => true,
            // A property that reads errno (a helper, a library's errno): a read, not a call. One whose getter makes a
            // P/Invoke: a call that may set errno.
            IPropertyReferenceOperation property => IsErrnoRead(_api, property) || GetterMakesPInvoke(property),
            IInvocationOperation invocation => !Keeps(invocation.TargetMethod),
            // A constructor is a call, except one of a type whose code cannot touch errno (new IntPtr(-1), new Span<T>).
            IObjectCreationOperation creation => creation.Constructor is { } constructor && (IsErrnoRead(_api, operation) || !Keeps(constructor)),
            IFlowCaptureOperation capture => Arms is { } arms && arms.IsArm(capture.Value.Syntax),
            _ => false,
        };

        private bool GetterMakesPInvoke(IPropertyReferenceOperation property) =>
            !IsWritten(property) && _api.ErrnoHelpers.GetterMakesPInvoke(property.Property, property.SemanticModel);

        // Whether a call leaves alone what this pass's reads read (the saved error, or errno itself).
        private bool Keeps(IMethodSymbol method) => _savedErrorReads ? KeepsSavedError(method, _api) : CannotTouchErrno(method, _api);

        public ErrnoFacts Apply(IOperation operation, ErrnoFacts state, bool report)
        {
            if (IsErrnoRead(_api, operation))
            {
                if (report && ReadsSavedError(operation) == _savedErrorReads)
                {
                    Report(operation, state.All);
                }

                return state;
            }

            if (operation is IFlowCaptureOperation capture)
            {
                // An arm of the followed local's value: every path here now holds this arm's value.
                ErrnoFacts all = state.All;
                return _arms!.IsConstantArm(capture.Value.Syntax) ? default(ErrnoFacts).WithHeld(new HeldFacts(all)) : all;
            }

            ErrnoFacts live = ApplyLive(operation, state.WithHeld(null));
            if (state.Held is null)
            {
                return live;
            }

            ErrnoFacts held = ApplyLive(operation, state.Held.Facts);
            return live.WithHeld(held.Equals(state.Held.Facts) ? state.Held : new HeldFacts(held));
        }

        private ErrnoFacts ApplyLive(IOperation operation, ErrnoFacts state)
        {
            // Any other event (a call, a P/Invoke, an await, a yield) ends the caller's errno on this path.
            ulong entryStaleBy = state.EntryFresh ? state.EntryStaleBy | Bit(operation) : state.EntryStaleBy;
            return ApplyEvent(operation, state).WithEntry(entryFresh: false, entryStaleBy);
        }

        private ErrnoFacts ApplyEvent(IOperation operation, ErrnoFacts state)
        {
            if (operation is IAwaitOperation || (operation is IReturnOperation { Kind: OperationKind.YieldReturn } && _body.IsAsync))
            {
                ulong bit = Bit(operation);
                return state.Fresh != 0
                    ? new ErrnoFacts(0, false, state.StaleFrom | state.Fresh, state.StaleBy | bit, state.AwaitedBy)
                    : new ErrnoFacts(0, false, state.StaleFrom, state.StaleBy, state.AwaitedBy | bit);
            }

            if (operation is IReturnOperation { Kind: OperationKind.YieldReturn })
            {
                // A synchronous iterator: the consumer's code runs on this thread, calls and all.
                return state.Fresh != 0 ? new ErrnoFacts(0, false, state.StaleFrom | state.Fresh, state.StaleBy | Bit(operation), state.AwaitedBy) : state;
            }

            IMethodSymbol? target = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                IPropertyReferenceOperation property => property.Property.GetMethod,
                _ => null,
            };
            if (target is null)
            {
                return state;
            }

            if (IsMarshal(_api, target, ErrnoSetters))
            {
                return new ErrnoFacts(Bit(operation), false, 0, 0, 0);
            }

            if (_api.IsPInvoke(target))
            {
                bool savesError = _api.SetsLastError(target);
                if (!savesError && _savedErrorReads && state.Fresh != 0 && !state.FreshWithoutSetLastError && state.StaleBy == 0 && state.AwaitedBy == 0)
                {
                    // clock_gettime after a failed recvmsg: its stub leaves the saved error alone, still recvmsg's.
                    return state.WithUnsaved(state.Unsaved | Bit(operation));
                }

                return new ErrnoFacts(Bit(operation), !savesError, 0, 0, 0);
            }

            if (_delegateCalls is not null && _delegateCalls.Contains(operation.Syntax))
            {
                return new ErrnoFacts(Bit(operation), false, 0, 0, 0);
            }

            if (_guardCalls is not null && _guardCalls.Contains(operation.Syntax))
            {
                // The call a read is written for (its result guards the read): a wrapper that set errno, as far as
                // the rule can tell. Nothing before it counts.
                return default;
            }

            if (state.Fresh != 0)
            {
                return new ErrnoFacts(0, false, state.StaleFrom | state.Fresh, state.StaleBy | Bit(operation), state.AwaitedBy);
            }

            // A call with no P/Invoke before it may be the one that set errno (a helper that wraps the P/Invoke):
            // after it, errno is as good as that call makes it, so an earlier await no longer counts.
            return state.AwaitedBy != 0 ? new ErrnoFacts(0, false, state.StaleFrom, state.StaleBy, 0) : state;
        }

        private ulong Bit(IOperation operation)
        {
            if (!_indexOf.TryGetValue(operation, out int index))
            {
                index = _indexed.Count < 64 ? _indexed.Count : 63;
                if (_indexed.Count < 64)
                {
                    _indexed.Add(operation);
                }

                _indexOf[operation] = index;
            }

            return 1UL << index;
        }

        private IOperation First(ulong bits)
        {
            int index = 0;
            while ((bits & 1) == 0)
            {
                bits >>= 1;
                index++;
            }

            return _indexed[index];
        }

        private void Report(IOperation read, ErrnoFacts state)
        {
            Location location = read.Syntax.GetLocation();
            if (_parameterReads is not null && _parameterReads.TryGetValue(read.Syntax, out string? parameter))
            {
                // For the caller's call: whatever ran since the start replaced its errno.
                if (state.EntryStaleBy != 0)
                {
                    _context.Report(Diagnostic.Create(Rule, location, Describe(First(state.EntryStaleBy)), TheCallBehind(parameter)));
                }

                return;
            }

            if (state.StaleBy != 0)
            {
                IOperation pinvoke = First(state.StaleFrom);
                _context.Report(Diagnostic.Create(
                    Rule, location, additionalLocations: new[] { pinvoke.Syntax.GetLocation() }, properties: null,
                    Describe(First(state.StaleBy)), TheCallTo((pinvoke as IInvocationOperation)?.TargetMethod, pinvoke.Syntax, CallName(pinvoke))));
                return;
            }

            if (state.AwaitedBy != 0)
            {
                _context.Report(Diagnostic.Create(Rule, location, Describe(First(state.AwaitedBy)), "the native call made before it"));
                return;
            }

            if (state.Fresh == 0)
            {
                return;
            }

            IOperation last = First(state.Fresh);
            if (state.FreshWithoutSetLastError && _savedErrorReads)
            {
                _context.Report(Diagnostic.Create(WithoutSetLastErrorRule, location, CallName(last)));
                return;
            }

            if (state.Unsaved != 0 && ErrnoGuard.FailedCallGuarding(_api, _body, read) is { } tested)
            {
                for (ulong unsaved = state.Unsaved; unsaved != 0; unsaved &= unsaved - 1)
                {
                    if (First(unsaved).Syntax == tested.Syntax)
                    {
                        // The read is written for the failure of a P/Invoke that saves no error: what it reads is an older call's.
                        _context.Report(Diagnostic.Create(WithoutSetLastErrorRule, location, CallName(tested)));
                        return;
                    }
                }
            }

            // One P/Invoke on every path: is the read for it, or for an earlier call whose result guards the branch?
            if ((state.Fresh & (state.Fresh - 1)) == 0)
            {
                IOperation? guarded = ErrnoGuard.FailedCallGuarding(_api, _body, read);
                if ((guarded is null || guarded.Syntax == last.Syntax) && last is IInvocationOperation lastCall && _api.IsPInvoke(lastCall.TargetMethod) &&
                    EarlierFailedCall(read.Syntax, last.Syntax) is { } earlier)
                {
                    guarded = earlier;
                }
                if (guarded is not null && guarded.Syntax != last.Syntax && guarded.Syntax.SpanStart < last.Syntax.SpanStart)
                {
                    _context.Report(Diagnostic.Create(
                        OtherCallRule, location, additionalLocations: new[] { guarded.Syntax.GetLocation() }, properties: null,
                        CallName(guarded), Line(guarded), CallName(last), Line(last)));
                }

                return;
            }

            // Several P/Invokes, each the last on some path (one in an `if` the read's path may go through): the read is
            // for an earlier call's failure when one of them is not tested for failure on the way and that call is.
            for (ulong fresh = state.Fresh; fresh != 0; fresh &= fresh - 1)
            {
                IOperation candidate = First(fresh);
                if (candidate is IInvocationOperation candidateCall && _api.IsPInvoke(candidateCall.TargetMethod) &&
                    EarlierFailedCall(read.Syntax, candidate.Syntax) is { } earlier && earlier.Syntax.SpanStart < candidate.Syntax.SpanStart)
                {
                    _context.Report(Diagnostic.Create(
                        OtherCallRule, location, additionalLocations: new[] { earlier.Syntax.GetLocation() }, properties: null,
                        CallName(earlier), Line(earlier), CallName(candidate), Line(candidate)));
                    return;
                }
            }
        }

        // The body's P/Invoke calls in source order, gathered once for every read of the body that asks.
        private List<SyntaxNode>? _pinvokes;
        private Dictionary<SyntaxNode, IOperation>? _pinvokeBySyntax;

        // ErrnoFailurePath over the body's P/Invoke calls, as the straight-line path asks it.
        private IOperation? EarlierFailedCall(SyntaxNode read, SyntaxNode last)
        {
            if (_pinvokes is null)
            {
                _pinvokes = new List<SyntaxNode>();
                _pinvokeBySyntax = new Dictionary<SyntaxNode, IOperation>();
                foreach (IOperation operation in _body.Operations)
                {
                    if (operation is IInvocationOperation call && _api.IsPInvoke(call.TargetMethod) && call.Syntax is InvocationExpressionSyntax)
                    {
                        _pinvokes.Add(call.Syntax);
                        _pinvokeBySyntax[call.Syntax] = call;
                    }
                }

                _pinvokes.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
            }

            SyntaxNode? found = ErrnoFailurePath.EarlierFailedCall(read, last, _pinvokes, _context.Model, _context.CancellationToken);
            return found is null ? null : _pinvokeBySyntax![found];
        }

        internal static string Describe(IOperation operation) => operation switch
        {
            IAwaitOperation => "the await on line " + Line(operation),
            IReturnOperation => "the yield return on line " + Line(operation),
            _ => TheCallTo((operation as IInvocationOperation)?.TargetMethod, operation.Syntax, CallName(operation)),
        };

        private static string Line(IOperation operation) =>
            (operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string CallName(IOperation call) => call switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            IObjectCreationOperation creation => "new " + (creation.Type?.Name ?? "object"),
            IPropertyReferenceOperation property => property.Property.Name,
            _ => call.Syntax.ToString(),
        };
    }

    /// <summary>Which call's failure a branch that reads errno is handling, from the condition that leads into it.</summary>
    private static class ErrnoGuard
    {
        /// <summary>
        /// The P/Invoke whose result the innermost <c>if</c> (or <c>?:</c>) around the read tests, when the read sits in
        /// one of its arms: called in the condition itself, or stored in a local the condition reads.
        /// </summary>
        public static IOperation? FailedCallGuarding(AsyncSysApi api, FunctionBody body, IOperation read)
        {
            SyntaxNode? condition = GuardingCondition.Of(read.Syntax);
            if (condition is null)
            {
                return null;
            }

            // The condition's operations, from the body's own list: calls in it, and locals (or parts of them) it reads.
            IOperation? calledInCondition = null;
            List<(ILocalSymbol Local, string? Part)>? tested = null;
            foreach (IOperation operation in body.Operations)
            {
                if (!condition.Span.Contains(operation.Syntax.Span))
                {
                    continue;
                }

                if (operation is IInvocationOperation invocation && api.IsPInvoke(invocation.TargetMethod))
                {
                    calledInCondition ??= invocation;
                }
                else if (operation is ILocalReferenceOperation { Syntax: IdentifierNameSyntax name } local)
                {
                    (tested ??= new List<(ILocalSymbol, string?)>()).Add((local.Local, ErrnoGuardCall.TestedPart(name)));
                }
            }

            if (calledInCondition is not null || tested is null)
            {
                return calledInCondition;
            }

            // The last P/Invoke stored in a tested local before the condition: as its whole value, or as the tuple
            // element, initialized member or array element the condition tests (ErrnoGuardCall.StoreOf, as the straight-line path).
            IOperation? found = null;
            foreach (IOperation operation in body.Operations)
            {
                if (operation is not IInvocationOperation call || !api.IsPInvoke(call.TargetMethod) ||
                    ErrnoGuardCall.StoreOf(call.Syntax, out string? part, out string? element) is not { } store ||
                    store.SpanStart >= condition.SpanStart || (found is not null && call.Syntax.SpanStart <= found.Syntax.SpanStart))
                {
                    continue;
                }

                ISymbol? local = store is IdentifierNameSyntax
                    ? call.SemanticModel?.GetSymbolInfo(store).Symbol
                    : call.SemanticModel?.GetDeclaredSymbol(store);
                if (local is ILocalSymbol && tested.Exists(t => SymbolEqualityComparer.Default.Equals(t.Local, local) && ErrnoGuardCall.Tests(t.Part, part, element)) &&
                    ErrnoGuardCall.ElementKept(store, part, condition))
                {
                    found = call;
                }
            }

            return found;
        }
    }
}
