using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>
/// The AsyncSys and BCL types the rules look for, resolved once per compilation, and the questions every
/// rule asks about a method: is it a syscall wrapper, what is its asynchronous variant, does a call put an
/// operation in flight, is the wrapper run on a worker thread.
/// </summary>
internal sealed class AsyncSysApi
{
    // Generated variant names per type: asked for every invocation, so computed once per type.
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableHashSet<string>> _variantNamesByType =
        new(SymbolEqualityComparer.Default);

    // Whether a method is a P/Invoke: asked for every call in every body the errno rule looks at, answered
    // once per method from its attributes.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isPInvoke = new(SymbolEqualityComparer.Default);

    // Whether the generator runs a wrapper on a worker: its planning fits the parameters to each known shape.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isOffloaded = new(SymbolEqualityComparer.Default);

    // Whether a method of this compilation only forwards its arguments to an operation and returns its task.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isForwarder = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isApmBegin = new(SymbolEqualityComparer.Default);

    // The asynchronous twin a synchronous facade of this compilation blocks on (null: not a facade).
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _facadeTwins = new(SymbolEqualityComparer.Default);

    // The blocking wrapper a synchronous helper of this compilation calls in its own body (null: none).
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _blockingHelperWrappers = new(SymbolEqualityComparer.Default);

    // The parameters whose operation a Stream override of this compilation keeps in a field as it returns (null: none).
    private readonly ConcurrentDictionary<IMethodSymbol, KeepingOverrides.Kept?> _keptByOverride = new(SymbolEqualityComparer.Default);

    private readonly Compilation _compilation;

    private AsyncSysApi(Compilation compilation)
    {
        _compilation = compilation;
        AsyncSyscallAttribute = compilation.GetTypeByMetadataName("AsyncSys.AsyncSyscallAttribute");
        IoRing = compilation.GetTypeByMetadataName("AsyncSys.IoRing");
        RingRequest = compilation.GetTypeByMetadataName("AsyncSys.RingRequest");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Marshal = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal");
        LibraryImportAttribute = compilation.GetTypeByMetadataName("System.Runtime.InteropServices.LibraryImportAttribute");
        ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        ThreadLocalOfT = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        ArrayPoolOfT = compilation.GetTypeByMetadataName("System.Buffers.ArrayPool`1");
        MemoryOwnerOfT = compilation.GetTypeByMetadataName("System.Buffers.IMemoryOwner`1");
        MemoryOfT = compilation.GetTypeByMetadataName("System.Memory`1");
        ReadOnlyMemoryOfT = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
        SpanOfT = compilation.GetTypeByMetadataName("System.Span`1");
        MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");
        Array = compilation.GetTypeByMetadataName("System.Array");
        Win32Exception = compilation.GetTypeByMetadataName("System.ComponentModel.Win32Exception");
        MemoryManagerOfT = compilation.GetTypeByMetadataName("System.Buffers.MemoryManager`1");
        IntPtr = compilation.GetSpecialType(SpecialType.System_IntPtr);
    }

    public INamedTypeSymbol? AsyncSyscallAttribute { get; }
    public INamedTypeSymbol? IoRing { get; }
    public INamedTypeSymbol? RingRequest { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Marshal { get; }
    public INamedTypeSymbol? LibraryImportAttribute { get; }
    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? ThreadLocalOfT { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? ArrayPoolOfT { get; }
    public INamedTypeSymbol? MemoryOwnerOfT { get; }
    public INamedTypeSymbol? MemoryOfT { get; }
    public INamedTypeSymbol? ReadOnlyMemoryOfT { get; }
    public INamedTypeSymbol? SpanOfT { get; }
    public INamedTypeSymbol? MemoryExtensions { get; }
    public INamedTypeSymbol? Array { get; }
    public INamedTypeSymbol? Win32Exception { get; }
    public INamedTypeSymbol? MemoryManagerOfT { get; }
    public INamedTypeSymbol IntPtr { get; }

    /// <summary>The compilation these symbols come from (a helper in another tree is bound with that tree's model from it).</summary>
    public Compilation Compilation => _compilation;

    /// <summary>True when the compilation can see AsyncSys at all; the AsyncSys-specific rules stay off otherwise.</summary>
    public bool HasAsyncSys => AsyncSyscallAttribute is not null || IoRing is not null;

    // One per compilation, shared by the seven rules: each lookup searches every referenced assembly.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, AsyncSysApi> s_byCompilation = new();

    public static AsyncSysApi Create(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new AsyncSysApi(c));

    /// <summary>The names this compilation gives to what the pre-filters look for, scanned from declarations on first use.</summary>
    public DeclaredNames Names
    {
        get
        {
            // Two rules racing here may both scan; one result wins. No cancellation: a cached failure would outlive it.
            if (_names is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _names, DeclaredNames.Scan(_compilation, this, System.Threading.CancellationToken.None), null);
            }

            return _names;
        }
    }

    private DeclaredNames? _names;
    private NameFeatures? _nameFeatures;
    private readonly ConcurrentDictionary<SyntaxTree, System.Lazy<CodeIndex>> _indexes = new();

    /// <summary>What reads per-thread state in this compilation (its helpers found once).</summary>
    public ThreadAffinity ThreadAffinity
    {
        get
        {
            if (_threadAffinity is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _threadAffinity, new ThreadAffinity(this), null);
            }

            return _threadAffinity;
        }
    }

    private ThreadAffinity? _threadAffinity;

    /// <summary>What reads errno besides Marshal in this compilation: its helpers (decided once each) and known library readers.</summary>
    public ErrnoHelpers ErrnoHelpers
    {
        get
        {
            if (_errnoHelpers is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _errnoHelpers, new ErrnoHelpers(_compilation, this), null);
            }

            return _errnoHelpers;
        }
    }

    private ErrnoHelpers? _errnoHelpers;

    /// <summary>
    /// Whether the compilation's source may take the kernel wait handle behind a SemaphoreSlim, ManualResetEventSlim or
    /// CountdownEvent (<c>.AvailableWaitHandle</c>, <c>.WaitHandle</c>), read from the text once: after that their
    /// Release/Set/Reset make a SetLastError P/Invoke (<see cref="SignalsKeepingErrno"/>). Any such name counts.
    /// </summary>
    public bool TakesSyncWaitHandles
    {
        get
        {
            if (_takesSyncWaitHandles is null)
            {
                bool found = false;
                foreach (SyntaxTree tree in _compilation.SyntaxTrees)
                {
                    // The text is a cheap filter; only a member access in code takes the handle, not a comment or a
                    // string that names it (a note saying the handle is never taken).
                    string text = tree.GetText().ToString();
                    if ((text.Contains("AvailableWaitHandle") || text.Contains(".WaitHandle")) && TakesWaitHandle(tree))
                    {
                        found = true;
                        break;
                    }
                }

                _takesSyncWaitHandles = found;
            }

            return _takesSyncWaitHandles.Value;
        }
    }

    private bool? _takesSyncWaitHandles;

    private static bool TakesWaitHandle(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes().Any(node => node switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access => IsWaitHandleName(access.Name.Identifier.ValueText),
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberBindingExpressionSyntax binding => IsWaitHandleName(binding.Name.Identifier.ValueText),
            _ => false,
        });

    private static bool IsWaitHandleName(string name) => name is "AvailableWaitHandle" or "WaitHandle";

    /// <summary>Whether any method in the compilation's own source carries <c>[AsyncSyscall]</c>: rules about wrappers register nothing when none does.</summary>
    public bool DeclaresWrappers => Names.DeclaresWrappers;

    /// <summary>The features each name gives code in this compilation.</summary>
    public NameFeatures NameFeatures
    {
        get
        {
            if (_nameFeatures is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _nameFeatures, new NameFeatures(Names), null);
            }

            return _nameFeatures;
        }
    }

    /// <summary>The code roots of a tree with their features, built once for all rules.</summary>
    public CodeIndex Index(SyntaxTree tree) => IndexOf(tree).Value;

    /// <summary>
    /// Builds a tree's index ahead of the rules, if no other rule has started to: called from a syntax tree action,
    /// which runs while the compiler is still binding, so the rules find it ready once the tree's semantic model is.
    /// </summary>
    public void PrepareIndex(SyntaxTree tree)
    {
        if (_preparing.TryAdd(tree, true))
        {
            _ = IndexOf(tree).Value;
        }
    }

    private System.Lazy<CodeIndex> IndexOf(SyntaxTree tree)
    {
        NameFeatures names = NameFeatures;
        return _indexes.GetOrAdd(tree, t => new System.Lazy<CodeIndex>(() => CodeIndex.Build(t, names, System.Threading.CancellationToken.None)));
    }

    private readonly ConcurrentDictionary<SyntaxTree, bool> _preparing = new();

    public bool IsValueTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol named &&
        (SymbolEqualityComparer.Default.Equals(named, ValueTask) ||
         SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ValueTaskOfT));

    public bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && type is not null &&
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>The <c>[AsyncSyscall]</c> on a method, if it is a syscall wrapper.</summary>
    public AttributeData? GetAsyncSyscallAttribute(IMethodSymbol method)
    {
        if (AsyncSyscallAttribute is null)
        {
            return null;
        }

        foreach (AttributeData attribute in method.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, AsyncSyscallAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The name the generator gives the wrapper's asynchronous variant.</summary>
    public static string GetVariantName(IMethodSymbol wrapper, AttributeData attribute)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == "MethodName" && pair.Value.Value is string name && name.Length > 0)
            {
                return name;
            }
        }

        return wrapper.Name + "Async";
    }

    /// <summary>
    /// The generated <c>XxxAsync(..., CancellationToken)</c> beside a wrapper: same type, the generated
    /// name, returns ValueTask or ValueTask&lt;T&gt;, takes a CancellationToken last.
    /// </summary>
    public IMethodSymbol? FindAsyncVariant(IMethodSymbol wrapper)
    {
        AttributeData? attribute = GetAsyncSyscallAttribute(wrapper);
        if (attribute is null || wrapper.ContainingType is null)
        {
            return null;
        }

        string name = GetVariantName(wrapper, attribute);
        IMethodSymbol? best = null;
        foreach (IMethodSymbol candidate in wrapper.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
        {
            if (!LooksGenerated(candidate))
            {
                continue;
            }

            // Overloaded wrappers: prefer the variant that adds exactly the token.
            if (best is null || candidate.Parameters.Length == wrapper.Parameters.Length + 1)
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Whether a call starts an operation that stays in flight after the call returns.</summary>
    public bool IsAsyncSyscall(IMethodSymbol method)
    {
        if (!IsValueTask(method.ReturnType))
        {
            return false;
        }

        if (IoRing is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, IoRing))
        {
            return true;
        }

        return IsGeneratedVariant(method) || IsForwarder(method);
    }

    /// <summary>
    /// Whether a method of this compilation is a forwarder (<see cref="Forwarders"/>): its whole body hands back the
    /// task of an IoRing method or a generated variant started on its caller's arguments, so its call starts that
    /// operation. Decided once per method.
    /// </summary>
    public bool IsForwarder(IMethodSymbol method) => IsForwarder(method, 0);

    /// <summary>
    /// Since round 48: whether a method of this compilation is an APM <c>Begin...</c> that starts an asynchronous syscall on
    /// its caller's buffers (<see cref="Forwarders.DecideApmBegin"/>); ASYS1005 takes its call as the operation, kept in
    /// the <c>IAsyncResult</c> until that is handed to the <c>End...</c>. Decided once per method.
    /// </summary>
    public bool IsApmBegin(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.MethodKind != MethodKind.Ordinary || definition.IsAsync || definition.DeclaringSyntaxReferences.IsEmpty ||
            definition.ReturnType.Name != "IAsyncResult" || !definition.Name.StartsWith("Begin", System.StringComparison.Ordinal))
        {
            return false;
        }

        return _isApmBegin.GetOrAdd(definition, d => Forwarders.DecideApmBegin(this, d));
    }

    /// <summary>
    /// <see cref="IsForwarder(IMethodSymbol)"/> asked by another forwarder's decision, <paramref name="depth"/> methods away
    /// from the call: decided again below the top (a cycle of methods returning each other's calls ends at
    /// <see cref="Forwarders.MaxDepth"/>), a decision made from the top reused.
    /// </summary>
    public bool IsForwarder(IMethodSymbol method, int depth)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.MethodKind != MethodKind.Ordinary || definition.IsAsync || definition.DeclaringSyntaxReferences.IsEmpty ||
            !IsValueTask(definition.ReturnType))
        {
            return false;
        }

        if (!_isForwarder.TryGetValue(definition, out bool forwards))
        {
            forwards = definition is { IsStatic: true, IsAbstract: true, ContainingType.TypeKind: TypeKind.Interface }
                ? Forwarders.DecideStaticAbstract(this, definition, depth)
                : Forwarders.Decide(this, definition, depth);
            if (depth == 0)
            {
                _isForwarder.TryAdd(definition, forwards);
            }
        }

        return forwards;
    }

    /// <summary>
    /// Since session 56: the buffer parameters a <c>Stream</c> override of this compilation starts an operation on and keeps
    /// that operation's task in a field of its object as it returns (<see cref="KeepingOverrides"/>), or null. Only
    /// methods whose names <see cref="DeclaredNames.KeepingOverrides"/> lists are bound; decided once per method.
    /// </summary>
    public KeepingOverrides.Kept? KeptByOverride(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (!definition.IsOverride || definition.DeclaringSyntaxReferences.IsEmpty || !Names.KeepingOverrides.Contains(definition.Name))
        {
            return null;
        }

        if (!_keptByOverride.TryGetValue(definition, out KeepingOverrides.Kept? kept))
        {
            kept = KeepingOverrides.Decide(this, definition);
            _keptByOverride.TryAdd(definition, kept);
        }

        return kept;
    }

    /// <summary>
    /// The asynchronous twin a synchronous facade of this compilation blocks on (<see cref="Facades"/>: <c>void Sync() =&gt;
    /// SyncAsync().AsTask().GetAwaiter().GetResult()</c>), when that twin runs an operation of the ring; null for any other
    /// method. Decided once per method.
    /// </summary>
    public IMethodSymbol? FacadeTwin(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.MethodKind != MethodKind.Ordinary || definition.IsAsync || definition.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        if (!_facadeTwins.TryGetValue(definition, out IMethodSymbol? twin))
        {
            twin = Facades.Decide(this, definition);
            _facadeTwins.TryAdd(definition, twin);
        }

        return twin;
    }

    /// <summary>
    /// The <c>[AsyncSyscall]</c> wrapper (one that has a generated variant) a synchronous helper of this compilation calls
    /// in its own body, not in a lambda or local function of it: <c>void SyncDirectory() { if (Native.Fsync(dirFd) != 0)
    /// throw ...; }</c>. An async caller of the helper blocks its thread on the syscall one call away (ASYS1007, since round
    /// 50). Not a helper: an async method, a wrapper itself, a method returning a Task or ValueTask (ASYS1007 judges its
    /// own body), one not declared in source. Decided once per method.
    /// </summary>
    public IMethodSymbol? BlockingHelperWrapper(IMethodSymbol method)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction) || definition.IsAsync ||
            definition.DeclaringSyntaxReferences.Length != 1 || !Names.BlockingHelpers.Contains(definition.Name))
        {
            return null;
        }

        if (!_blockingHelperWrappers.TryGetValue(definition, out IMethodSymbol? wrapper))
        {
            wrapper = DecideBlockingHelper(definition);
            _blockingHelperWrappers.TryAdd(definition, wrapper);
        }

        return wrapper;
    }

    private IMethodSymbol? DecideBlockingHelper(IMethodSymbol method)
    {
        // A method, or since round 63 a local function (`void MakeDurable() { if (Native.Fsync(fd) != 0) throw ...; }` called by
        // the async method it is declared in).
        SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        SyntaxNode? body = declaration switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
            Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
            _ => null,
        };
        if (GetAsyncSyscallAttribute(method) is not null || IsAwaitable(method.ReturnType) || body is null)
        {
            return null;
        }

        SemanticModel? model = null;
        foreach (SyntaxNode node in body.DescendantNodes(n => !SyntaxFunctions.IsNested(n)))
        {
            if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call || Forwarders.CalledName(call) is not { } name ||
                !Names.Wrappers.Contains(name))
            {
                continue;
            }

            if (AsksNotToWait(call))
            {
                continue;
            }

            model ??= _compilation.GetSemanticModel(declaration.SyntaxTree);
            if (model.GetSymbolInfo(call).Symbol is IMethodSymbol target && GetAsyncSyscallAttribute(target) is not null &&
                FindAsyncVariant(target.OriginalDefinition) is not null)
            {
                return target.OriginalDefinition;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a wrapper's call passes a flag that asks the syscall not to wait, by its name: <c>MSG_DONTWAIT</c>,
    /// <c>O_NONBLOCK</c>/<c>SOCK_NONBLOCK</c>, flock's <c>LOCK_NB</c> and <c>LOCK_UN</c> (an unlock never waits), and since
    /// round 63 waitpid's <c>WNOHANG</c>. Such a call
    /// returns at once (EAGAIN when it would block), so a helper making it blocks nobody. Syntax only.
    /// </summary>
    public static bool AsksNotToWait(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call)
    {
        foreach (SyntaxToken token in call.ArgumentList.DescendantTokens())
        {
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) &&
                (token.ValueText.Contains("DONTWAIT") || token.ValueText.Contains("NONBLOCK") || token.ValueText is "LOCK_NB" or "LOCK_UN" or "WNOHANG"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a type is <c>Task</c>, <c>ValueTask</c> or one of their generic forms.</summary>
    public static bool IsAwaitable(ITypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>Whether a method is a <c>RingRequest</c> factory, whose arguments travel with the request into the ring.</summary>
    public bool IsRingRequestFactory(IMethodSymbol method) =>
        RingRequest is not null && method.IsStatic &&
        SymbolEqualityComparer.Default.Equals(method.ContainingType, RingRequest) &&
        SymbolEqualityComparer.Default.Equals(method.ReturnType, RingRequest);

    /// <summary>Whether a method is the asynchronous variant generated for an <c>[AsyncSyscall]</c> wrapper.</summary>
    public bool IsGeneratedVariant(IMethodSymbol method)
    {
        if (!LooksGenerated(method) || method.ContainingType is null)
        {
            return false;
        }

        ImmutableHashSet<string> names = _variantNamesByType.GetOrAdd(method.ContainingType.OriginalDefinition, ComputeVariantNames);
        return names.Contains(method.Name);
    }

    /// <summary>
    /// Whether AsyncSys runs the wrapper's body on a blocking worker thread (no ring opcode) rather than
    /// submitting the syscall to the kernel ring: the generator's own decision (RingPlacement, compiled in from
    /// src/Generator), asked once per wrapper.
    /// </summary>
    public bool IsOffloaded(IMethodSymbol wrapper, AttributeData attribute)
    {
        if (!_isOffloaded.TryGetValue(wrapper, out bool offloaded))
        {
            offloaded = Generator.Model.RingPlacement.Of(wrapper, attribute) == Generator.Model.RingOpKind.None;
            _isOffloaded.TryAdd(wrapper, offloaded);
        }

        return offloaded;
    }

    /// <summary>Whether calling the method is a P/Invoke: <c>[DllImport] extern</c> or <c>[LibraryImport] partial</c>, or a syscall wrapper.</summary>
    public bool IsPInvoke(IMethodSymbol method)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (_isPInvoke.TryGetValue(definition, out bool known))
        {
            return known;
        }

        bool result = definition.GetDllImportData() is not null || GetLibraryImport(definition) is not null ||
                      GetAsyncSyscallAttribute(definition) is not null;
        _isPInvoke.TryAdd(definition, result);
        return result;
    }

    /// <summary>
    /// Whether a P/Invoke saves errno for <c>Marshal.GetLastPInvokeError</c>: <c>SetLastError = true</c> on its
    /// <c>DllImport</c> or <c>LibraryImport</c>. A syscall wrapper that is an ordinary method is taken to (it calls one).
    /// </summary>
    public bool SetsLastError(IMethodSymbol method)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        DllImportData? dllImport = definition.GetDllImportData();
        if (dllImport is not null)
        {
            return dllImport.SetLastError;
        }

        AttributeData? libraryImport = GetLibraryImport(definition);
        if (libraryImport is not null)
        {
            foreach (var pair in libraryImport.NamedArguments)
            {
                if (pair.Key == "SetLastError" && pair.Value.Value is bool value)
                {
                    return value;
                }
            }

            return false;
        }

        return true;
    }

    // A loop, not FirstOrDefault with a lambda: ASYS1001 asks this for every call before every errno read.
    private AttributeData? GetLibraryImport(IMethodSymbol method)
    {
        if (LibraryImportAttribute is null)
        {
            return null;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, LibraryImportAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    private bool LooksGenerated(IMethodSymbol candidate) =>
        IsValueTask(candidate.ReturnType) &&
        candidate.Parameters.Length > 0 &&
        SymbolEqualityComparer.Default.Equals(candidate.Parameters[candidate.Parameters.Length - 1].Type, CancellationToken);

    private ImmutableHashSet<string> ComputeVariantNames(INamedTypeSymbol type)
    {
        var names = ImmutableHashSet.CreateBuilder<string>();
        foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
        {
            AttributeData? attribute = GetAsyncSyscallAttribute(method);
            if (attribute is not null)
            {
                names.Add(GetVariantName(method, attribute));
            }
        }

        return names.ToImmutable();
    }
}
