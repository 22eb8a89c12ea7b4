using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// The names the pre-filters look for that a compilation chooses itself, read once per compilation from
/// declarations (attribute lists, field declarations, the bodies of one-line helpers), never from bound code:
/// syscall wrappers and their variants, <c>[ThreadStatic]</c> fields, helpers that return per-thread state.
/// </summary>
/// <remarks>
/// A name here only makes a body worth a closer look; the rules still bind what they report on. A name that is
/// missing from these sets hides the code from the rules, so the sets err on the side of too many.
/// </remarks>
internal sealed class DeclaredNames
{
    // Names of the per-thread reads a helper's body may consist of (ThreadAffinity decides, on the symbols).
    private static readonly string[] ThreadReads = { "CurrentManagedThreadId", "CurrentThread", "Value" };

    private DeclaredNames(
        bool declaresWrappers, ImmutableHashSet<string> wrappers, ImmutableHashSet<string> variants, bool anyVariantName,
        ImmutableHashSet<string> threadStatics, ImmutableHashSet<string> threadHelpers, ImmutableHashSet<string> errnoHelpers,
        ImmutableHashSet<string> addressTakingStarters, ImmutableHashSet<string> callingGetters, UsingNames usings, ImmutableHashSet<string> facades,
        ImmutableHashSet<string> threadLocalFields, ImmutableHashSet<string> threadStorageHelpers, ImmutableHashSet<string> blockingHelpers,
        ImmutableHashSet<string> keepingOverrides, ImmutableHashSet<string> stackViews)
    {
        StackViews = stackViews;
        KeepingOverrides = keepingOverrides;
        Facades = facades;
        BlockingHelpers = blockingHelpers;
        ThreadLocalFields = threadLocalFields;
        ThreadStorageHelpers = threadStorageHelpers;
        CallingGetters = callingGetters;
        Usings = usings;
        DeclaresWrappers = declaresWrappers;
        _anyVariantName = anyVariantName;
        Wrappers = wrappers;
        Variants = variants;
        ThreadStatics = threadStatics;
        ThreadHelpers = threadHelpers;
        ErrnoHelpers = errnoHelpers;
        AddressTakingStarters = addressTakingStarters;
    }

    // A wrapper names its variant with something other than a string literal: no call name can be ruled out.
    private readonly bool _anyVariantName;

    /// <summary>Whether the compilation's own source declares an <c>[AsyncSyscall]</c> wrapper.</summary>
    public bool DeclaresWrappers { get; }

    /// <summary>Names of <c>[AsyncSyscall]</c> wrappers, declared here or in a referenced assembly that uses AsyncSys.</summary>
    public ImmutableHashSet<string> Wrappers { get; }

    /// <summary>
    /// Names of their generated variants that do not end in <c>Async</c> (set with <c>MethodName</c>), and of methods
    /// that may forward to an operation under such a name (<see cref="Forwarders"/>).
    /// </summary>
    public ImmutableHashSet<string> Variants { get; }

    /// <summary>Names of <c>[ThreadStatic]</c> fields declared here.</summary>
    public ImmutableHashSet<string> ThreadStatics { get; }

    /// <summary>Names of fields declared here as <c>ThreadLocal&lt;T&gt;</c>.</summary>
    public ImmutableHashSet<string> ThreadLocalFields { get; }

    /// <summary>
    /// Names of methods declared here whose body names a <c>[ThreadStatic]</c> or <c>ThreadLocal</c> field of this
    /// compilation: they may set or read per-thread storage for their caller (<see cref="ThreadAffinity.StorageUseOf"/>
    /// decides by binding the body). Empty when the compilation declares no such field.
    /// </summary>
    public ImmutableHashSet<string> ThreadStorageHelpers { get; }

    /// <summary>Names of properties and methods declared here whose body may just return per-thread state.</summary>
    public ImmutableHashSet<string> ThreadHelpers { get; }

    /// <summary>Aliases and static imports that stand for the names above.</summary>
    public UsingNames Usings { get; }

    /// <summary>Names of properties and methods whose body may return an errno read (<see cref="Analyzers.ErrnoHelpers"/> decides by binding it).</summary>
    public ImmutableHashSet<string> ErrnoHelpers { get; }

    /// <summary>
    /// Names of properties declared here whose getter makes a call (any invocation in its body): reading one may be a
    /// P/Invoke between a call and its errno read (<see cref="Analyzers.ErrnoHelpers.GetterMakesPInvoke"/> decides by
    /// binding the getter).
    /// </summary>
    public ImmutableHashSet<string> CallingGetters { get; }

    /// <summary>
    /// Names of methods declared here that take an address (a pointer, <c>nint</c>, <c>IntPtr</c>) and whose body names
    /// something that may start an operation (a call named like an asynchronous syscall, <c>RingRequest</c>): a caller
    /// that gives them stack memory hands it to that operation (ASYS1004 binds the body to decide).
    /// </summary>
    public ImmutableHashSet<string> AddressTakingStarters { get; }

    /// <summary>
    /// Since round 60: names whose use is an address of stack memory without <c>&amp;</c>, <c>fixed</c> or <c>stackalloc</c> in
    /// sight: fixed-size buffer fields (<c>byte* data = scratch.Data;</c> of a struct local needs no <c>fixed</c>), and
    /// methods that take a <c>ref</c>/<c>in</c> parameter and may start an operation (<c>StartRead(fd, ref header)</c>).
    /// </summary>
    public ImmutableHashSet<string> StackViews { get; }

    /// <summary>
    /// Names of methods declared here whose whole body blocks on a call named like an asynchronous syscall
    /// (<c>void Sync() =&gt; SyncAsync().AsTask().GetAwaiter().GetResult()</c>): synchronous facades, which ASYS1007
    /// looks for as it looks for wrappers (<see cref="Analyzers.Facades"/> decides by binding the body).
    /// </summary>
    public ImmutableHashSet<string> Facades { get; }

    /// <summary>
    /// Names of synchronous methods declared here whose body names an <c>[AsyncSyscall]</c> wrapper (<c>void SyncDirectory()
    /// { if (Native.Fsync(dirFd) != 0) throw ...; }</c>): an async caller blocks on the wrapper one call away, which ASYS1007
    /// looks for as it looks for wrappers (<see cref="AsyncSysApi.BlockingHelperWrapper"/> decides by binding the body).
    /// Empty when the compilation knows no wrapper.
    /// </summary>
    public ImmutableHashSet<string> BlockingHelpers { get; }

    /// <summary>
    /// Since session 56: names of <c>override</c> methods declared here with a parameter, whose body assigns something and
    /// names something that may start an operation: a <c>Stream</c> member that may keep an operation on its caller's
    /// buffer in a field after it returns (<see cref="Analyzers.KeepingOverrides"/> decides by binding the body). Empty in
    /// most compilations, which keeps ASYS1005 from looking at awaited calls at all.
    /// </summary>
    public ImmutableHashSet<string> KeepingOverrides { get; }

    /// <summary>Whether a variant's name is given as a non-literal constant: then every call name counts.</summary>
    public bool AnyVariantName => _anyVariantName;

    /// <summary>Whether a call by this name may start an asynchronous syscall (an IoRing method or a generated variant).</summary>
    public bool MayBeAsyncSyscall(string name) =>
        _anyVariantName || name.EndsWith("Async", System.StringComparison.Ordinal) || Variants.Contains(name);

    public static DeclaredNames Scan(Compilation compilation, AsyncSysApi api, CancellationToken cancellationToken)
    {
        UsingNames usings = UsingNames.Scan(compilation, cancellationToken);
        var scan = new SourceScan(usings, cancellationToken);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            scan.Visit((CompilationUnitSyntax)tree.GetRoot(cancellationToken));
        }

        bool declaresWrappers = scan.Wrappers.Count > 0;
        if (api.AsyncSyscallAttribute is not null)
        {
            AddReferencedWrappers(compilation, api, scan, cancellationToken);
        }

        var threadStatics = scan.ThreadStatics.ToImmutable();
        var helpers = ImmutableHashSet.CreateBuilder<string>();
        foreach ((string name, ExpressionSyntax returned) in scan.HelperCandidates)
        {
            foreach (SyntaxToken token in returned.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) &&
                    (System.Array.IndexOf(ThreadReads, token.ValueText) >= 0 || threadStatics.Contains(token.ValueText)))
                {
                    helpers.Add(name);
                    break;
                }
            }
        }

        // Forwarders named otherwise than ...Async (`ValueTask<int> SendFrame(...) => _ring.SendAsync(...)`): their calls
        // start operations too (Forwarders), so the pre-filters take their names as they take a variant's.
        // A forwarder of a forwarder (since round 47) takes its callee's name the same way, in whatever order they come.
        for (int pass = 0; pass <= Forwarders.MaxDepth; pass++)
        {
            bool added = false;
            foreach ((string name, string called) in scan.ForwarderCandidates)
            {
                if (!name.EndsWith("Async", System.StringComparison.Ordinal) && !scan.Variants.Contains(name) &&
                    (scan.AnyVariantName || called.EndsWith("Async", System.StringComparison.Ordinal) || scan.Variants.Contains(called)))
                {
                    scan.Variants.Add(name);
                    added = true;
                }
            }

            if (!added)
            {
                break;
            }
        }

        // An APM Begin over an operation (round 48): the pre-filters take its calls as operations' (ASYS1005 binds it).
        foreach ((string name, string called) in scan.ApmBeginCandidates)
        {
            if (scan.AnyVariantName || called.EndsWith("Async", System.StringComparison.Ordinal) || scan.Variants.Contains(called))
            {
                scan.Variants.Add(name);
            }
        }

        var variants = scan.Variants.ToImmutable();
        var threadLocals = scan.ThreadLocalFields.ToImmutable();
        var storageHelpers = ImmutableHashSet.CreateBuilder<string>();
        if (threadStatics.Count + threadLocals.Count > 0)
        {
            foreach ((string name, SyntaxNode body) in scan.MethodBodies)
            {
                foreach (SyntaxToken token in body.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && (threadStatics.Contains(token.ValueText) || threadLocals.Contains(token.ValueText)))
                    {
                        storageHelpers.Add(name);
                        break;
                    }
                }
            }
        }

        var facades = ImmutableHashSet.CreateBuilder<string>();
        foreach ((string name, string called) in scan.FacadeCandidates)
        {
            // Since round 48 also `Send(...) => EndSend(BeginSend(...))`, an APM pair's synchronous member (Facades.Decide binds it).
            if (scan.AnyVariantName || called.EndsWith("Async", System.StringComparison.Ordinal) || variants.Contains(called) ||
                called.StartsWith("Begin", System.StringComparison.Ordinal))
            {
                facades.Add(name);
            }
        }

        var starters = ImmutableHashSet.CreateBuilder<string>();
        foreach ((string name, SyntaxNode body) in scan.AddressTakingMethods)
        {
            if (MayStartOperation(body, variants, scan.AnyVariantName, usings))
            {
                starters.Add(name);
            }
        }

        // Since round 60: a helper taking `ref T` may take its address (`Unsafe.AsPointer(ref header)`) and start an operation.
        var stackViews = scan.FixedBufferFields.ToImmutable().ToBuilder();
        foreach ((string name, SyntaxNode body) in scan.RefTakingMethods)
        {
            if (MayStartOperation(body, variants, scan.AnyVariantName, usings))
            {
                starters.Add(name);
                stackViews.Add(name);
            }
        }

        // Since round 50: a synchronous helper that calls a wrapper (ASYS1007 reports its calls in async code).
        var wrappers = scan.Wrappers.ToImmutable();
        var blockingHelpers = ImmutableHashSet.CreateBuilder<string>();
        if (wrappers.Count > 0)
        {
            foreach ((string name, SyntaxNode body) in scan.MethodBodies)
            {
                bool helper = !wrappers.Contains(name) && body.Parent is MethodDeclarationSyntax method && !method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                bool namesWrapper = false, hasLocalFunction = false;
                foreach (SyntaxToken token in body.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && wrappers.Contains(token.ValueText))
                    {
                        namesWrapper = true;
                    }
                    else if (token.Parent is LocalFunctionStatementSyntax local && token == local.Identifier)
                    {
                        hasLocalFunction = true;
                    }
                }

                if (!namesWrapper)
                {
                    continue;
                }

                if (helper)
                {
                    blockingHelpers.Add(name);
                }

                // Since round 63: a synchronous local function that calls a wrapper, called by the async method around it.
                if (hasLocalFunction)
                {
                    foreach (SyntaxNode node in body.DescendantNodes())
                    {
                        if (node is LocalFunctionStatementSyntax local && !local.Modifiers.Any(SyntaxKind.AsyncKeyword) &&
                            ((SyntaxNode?)local.Body ?? local.ExpressionBody) is { } localBody &&
                            localBody.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && wrappers.Contains(t.ValueText)))
                        {
                            blockingHelpers.Add(local.Identifier.ValueText);
                        }
                    }
                }
            }
        }

        // Since session 56: overrides that may keep an operation on a parameter in a field (a Stream's pipelining WriteAsync).
        var keepingOverrides = ImmutableHashSet.CreateBuilder<string>();
        foreach ((string name, SyntaxNode body) in scan.MethodBodies)
        {
            if (body.Parent is MethodDeclarationSyntax { ParameterList.Parameters.Count: > 0 } method && method.Modifiers.Any(SyntaxKind.OverrideKeyword) &&
                body.DescendantNodes().Any(node => node.IsKind(SyntaxKind.SimpleAssignmentExpression)) &&
                MayStartOperation(body, variants, scan.AnyVariantName, usings))
            {
                keepingOverrides.Add(name);
            }
        }

        return new DeclaredNames(
            declaresWrappers, wrappers, variants, scan.AnyVariantName, threadStatics, helpers.ToImmutable(),
            scan.ErrnoHelpers.ToImmutable(), starters.ToImmutable(), scan.CallingGetters.ToImmutable(), usings, facades.ToImmutable(),
            threadLocals, storageHelpers.ToImmutable(), blockingHelpers.ToImmutable(), keepingOverrides.ToImmutable(), stackViews.ToImmutable());
    }

    /// <summary>
    /// Whether a body names something that may start an operation: a name ending in <c>Async</c> or a variant's own
    /// name, <c>RingRequest</c> or an alias of it, or anything at all when a file imports RingRequest's factories with
    /// <c>using static</c> (they are then called by their own names).
    /// </summary>
    private static bool MayStartOperation(SyntaxNode body, ImmutableHashSet<string> variants, bool anyVariantName, UsingNames usings)
    {
        if (anyVariantName || usings.ImportsRingRequest)
        {
            return true;
        }

        foreach (SyntaxToken token in body.DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken))
            {
                continue;
            }

            string text = token.ValueText;
            if (text.EndsWith("Async", System.StringComparison.Ordinal) || text == "RingRequest" || variants.Contains(text) ||
                (usings.Aliases.TryGetValue(text, out string? aliased) && aliased == "RingRequest"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Wrappers declared in referenced assemblies that reference AsyncSys themselves (a project of wrappers used by
    /// another): their blocking methods and generated variants are called here by those names.
    /// </summary>
    private static void AddReferencedWrappers(Compilation compilation, AsyncSysApi api, SourceScan scan, CancellationToken cancellationToken)
    {
        string runtime = api.AsyncSyscallAttribute!.ContainingAssembly.Name;
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!UsesAssembly(assembly, runtime))
            {
                continue;
            }

            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                INamespaceOrTypeSymbol current = pending.Pop();
                foreach (ISymbol member in current.GetMembers())
                {
                    switch (member)
                    {
                        case INamespaceOrTypeSymbol nested:
                            pending.Push(nested);
                            break;
                        case IMethodSymbol method when api.GetAsyncSyscallAttribute(method) is { } attribute:
                            scan.AddWrapper(method.Name, AsyncSysApi.GetVariantName(method, attribute));
                            break;
                    }
                }
            }
        }
    }

    private static bool UsesAssembly(IAssemblySymbol assembly, string name)
    {
        foreach (IModuleSymbol module in assembly.Modules)
        {
            foreach (AssemblyIdentity reference in module.ReferencedAssemblies)
            {
                if (reference.Name == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>One pass over the declarations of every tree: namespaces, types and their members, no bodies.</summary>
    private sealed class SourceScan
    {
        private readonly CancellationToken _cancellationToken;
        private readonly UsingNames _usings;

        public SourceScan(UsingNames usings, CancellationToken cancellationToken)
        {
            _usings = usings;
            _cancellationToken = cancellationToken;
        }

        public ImmutableHashSet<string>.Builder Wrappers { get; } = ImmutableHashSet.CreateBuilder<string>();

        public ImmutableHashSet<string>.Builder Variants { get; } = ImmutableHashSet.CreateBuilder<string>();

        public ImmutableHashSet<string>.Builder ThreadStatics { get; } = ImmutableHashSet.CreateBuilder<string>();

        public List<(string Name, ExpressionSyntax Returned)> HelperCandidates { get; } = new();

        public ImmutableHashSet<string>.Builder ErrnoHelpers { get; } = ImmutableHashSet.CreateBuilder<string>();

        public ImmutableHashSet<string>.Builder CallingGetters { get; } = ImmutableHashSet.CreateBuilder<string>();

        /// <summary>Methods with a body and a parameter that holds an address: candidates for <see cref="AddressTakingStarters"/>.</summary>
        public List<(string Name, SyntaxNode Body)> AddressTakingMethods { get; } = new();

        /// <summary>Methods with a body and a <c>ref</c> or <c>in</c> parameter (round 60): candidates for <see cref="StackViews"/>.</summary>
        public List<(string Name, SyntaxNode Body)> RefTakingMethods { get; } = new();

        /// <summary>Fixed-size buffer fields (<c>public fixed byte Data[64];</c>), round 60.</summary>
        public ImmutableHashSet<string>.Builder FixedBufferFields { get; } = ImmutableHashSet.CreateBuilder<string>();

        /// <summary>Methods whose whole body returns a call, with that call's name: forwarders if it starts an operation.</summary>
        public List<(string Name, string Called)> ForwarderCandidates { get; } = new();

        /// <summary>Fields declared as <c>ThreadLocal&lt;T&gt;</c>.</summary>
        public ImmutableHashSet<string>.Builder ThreadLocalFields { get; } = ImmutableHashSet.CreateBuilder<string>();

        /// <summary>Every method with a body: read for per-thread storage only when the compilation declares some.</summary>
        public List<(string Name, SyntaxNode Body)> MethodBodies { get; } = new();

        /// <summary>APM <c>Begin...</c> methods whose whole body wraps a call's task, with that call's name (round 48).</summary>
        public List<(string Name, string Called)> ApmBeginCandidates { get; } = new();

        /// <summary>Methods whose whole body blocks on a call, with that call's name: facades if it is an asynchronous twin.</summary>
        public List<(string Name, string Called)> FacadeCandidates { get; } = new();

        public bool AnyVariantName { get; private set; }

        // The getter's code: an expression-bodied property's arrow, or the get accessor's body or arrow.
        private static SyntaxNode? GetterOf(PropertyDeclarationSyntax property)
        {
            if (property.ExpressionBody is { } arrow)
            {
                return arrow;
            }

            foreach (AccessorDeclarationSyntax accessor in property.AccessorList?.Accessors ?? default)
            {
                if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    return (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody;
                }
            }

            return null;
        }

        public void AddWrapper(string name, string? variant)
        {
            Wrappers.Add(name);
            if (variant is null)
            {
                AnyVariantName = true;
            }
            else if (!variant.EndsWith("Async", System.StringComparison.Ordinal))
            {
                Variants.Add(variant);
            }
        }

        public void Visit(CompilationUnitSyntax unit)
        {
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                VisitMember(member);
            }
        }

        private void VisitMember(MemberDeclarationSyntax member)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    foreach (MemberDeclarationSyntax nested in ns.Members)
                    {
                        VisitMember(nested);
                    }

                    break;
                case TypeDeclarationSyntax type:
                    foreach (MemberDeclarationSyntax nested in type.Members)
                    {
                        VisitMember(nested);
                    }

                    break;
                case MethodDeclarationSyntax method:
                    if (FindAttribute(method.AttributeLists, "AsyncSyscall") is { } wrapper)
                    {
                        AddWrapper(method.Identifier.ValueText, VariantName(method, wrapper));
                    }

                    if (HelperReturn(method) is { } methodReturns)
                    {
                        HelperCandidates.Add((method.Identifier.ValueText, methodReturns));
                    }

                    if (Analyzers.ErrnoHelpers.MayBeErrnoRead(Analyzers.ErrnoHelpers.ReturnedExpression(method)))
                    {
                        ErrnoHelpers.Add(method.Identifier.ValueText);
                    }

                    if (((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } code)
                    {
                        MethodBodies.Add((method.Identifier.ValueText, code));
                    }

                    if (Forwarders.ReturnedCall(method) is { } forwarded && Forwarders.CalledName(forwarded) is { } called)
                    {
                        ForwarderCandidates.Add((method.Identifier.ValueText, called));
                    }

                    if (Forwarders.ApmBeginStart(method) is { } apmStart && Forwarders.CalledName(apmStart) is { } apmCalled)
                    {
                        ApmBeginCandidates.Add((method.Identifier.ValueText, apmCalled));
                    }

                    if (Analyzers.Facades.BlockedOnCall(method) is { } blocked && Forwarders.CalledName(blocked) is { } twin)
                    {
                        FacadeCandidates.Add((method.Identifier.ValueText, twin));
                    }

                    if (((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body && TakesAddress(method.ParameterList))
                    {
                        AddressTakingMethods.Add((method.Identifier.ValueText, body));
                    }
                    else if (((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } refBody && TakesReference(method.ParameterList))
                    {
                        RefTakingMethods.Add((method.Identifier.ValueText, refBody));
                    }

                    break;
                case PropertyDeclarationSyntax property:
                    if (HelperReturn(property) is { } propertyReturns)
                    {
                        HelperCandidates.Add((property.Identifier.ValueText, propertyReturns));
                    }

                    if (Analyzers.ErrnoHelpers.MayBeErrnoRead(Analyzers.ErrnoHelpers.ReturnedExpression(property)))
                    {
                        ErrnoHelpers.Add(property.Identifier.ValueText);
                    }

                    if (GetterOf(property) is { } getter && getter.DescendantNodes().OfType<InvocationExpressionSyntax>().Any())
                    {
                        CallingGetters.Add(property.Identifier.ValueText);
                    }

                    break;
                case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.FixedKeyword):
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        FixedBufferFields.Add(variable.Identifier.ValueText);
                    }

                    break;
                case FieldDeclarationSyntax field when UsingNames.LastName(field.Declaration.Type) == "ThreadLocal":
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        ThreadLocalFields.Add(variable.Identifier.ValueText);
                    }

                    break;
                case FieldDeclarationSyntax field when FindAttribute(field.AttributeLists, "ThreadStatic") is not null:
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        ThreadStatics.Add(variable.Identifier.ValueText);
                    }

                    break;
            }
        }

        /// <summary>Whether a parameter is written as a pointer, <c>nint</c> or <c>IntPtr</c> (the types ASYS1004 follows into a helper).</summary>
        private bool TakesAddress(ParameterListSyntax parameters)
        {
            foreach (ParameterSyntax parameter in parameters.Parameters)
            {
                if (parameter.Type is PointerTypeSyntax ||
                    (parameter.Type is { } type && UsingNames.LastName(type) is { } written && (IsAddressName(written) ||
                        (_usings.Aliases.TryGetValue(written, out string? aliased) && IsAddressName(aliased)))))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TakesReference(ParameterListSyntax parameters)
        {
            foreach (ParameterSyntax parameter in parameters.Parameters)
            {
                if (parameter.Modifiers.Any(SyntaxKind.RefKeyword) || parameter.Modifiers.Any(SyntaxKind.InKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAddressName(string name) => name is "nint" or "IntPtr";

        private static string? VariantName(MethodDeclarationSyntax method, AttributeSyntax attribute)
        {
            if (attribute.ArgumentList is { } arguments)
            {
                foreach (AttributeArgumentSyntax argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == "MethodName")
                    {
                        // A constant other than a literal (nameof, a const field) is not read here: every name counts then.
                        return argument.Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : null;
                    }
                }
            }

            return method.Identifier.ValueText + "Async";
        }

        private AttributeSyntax? FindAttribute(SyntaxList<AttributeListSyntax> lists, string name)
        {
            foreach (AttributeListSyntax list in lists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (UsingNames.LastName(attribute.Name) is { } written && _usings.MayBeAttribute(written, name))
                    {
                        return attribute;
                    }
                }
            }

            return null;
        }

        /// <summary>The expression a helper returns, in the shapes <see cref="ThreadAffinity"/> follows.</summary>
        private static ExpressionSyntax? HelperReturn(MemberDeclarationSyntax member) => member switch
        {
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            PropertyDeclarationSyntax { AccessorList: { } accessors } => ThreadAffinity.GetterBody(accessors),
            MethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            MethodDeclarationSyntax { Body.Statements: { Count: > 1 } statements } => ThreadAffinity.ReturnedLocalInitializer(statements),
            _ => null,
        };
    }
}
