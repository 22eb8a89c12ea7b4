using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>What a piece of code mentions, read from its tokens alone: the pre-filters' vocabulary.</summary>
[System.Flags]
internal enum CodeFeatures
{
    None = 0,

    /// <summary>An <c>await</c> (also <c>await foreach</c> and <c>await using</c>).</summary>
    Await = 1 << 0,

    /// <summary>An <c>async</c> modifier: on the member, a lambda or a local function.</summary>
    AsyncFunction = 1 << 1,

    /// <summary>
    /// A name of an errno reader (<c>GetLastPInvokeError</c> and the others), <c>Win32Exception</c>, a helper of this
    /// compilation that may return an errno read, or a known library reader (<c>errno</c>, <c>GetLastError</c>).
    /// </summary>
    ErrnoRead = 1 << 2,

    /// <summary><c>stackalloc</c>, an address-of <c>&amp;</c>, <c>fixed</c>, or <c>AsPointer</c>.</summary>
    StackAddress = 1 << 3,

    /// <summary>A name of per-thread state: <c>CurrentManagedThreadId</c>, <c>CurrentThread</c>, a <c>[ThreadStatic]</c> field, a helper returning one.</summary>
    ThreadState = 1 << 4,

    /// <summary>A member access to <c>.Value</c> (a <c>ThreadLocal</c> may be behind it).</summary>
    ValueAccess = 1 << 5,

    /// <summary>A call named like an asynchronous syscall (<c>...Async</c>, or a variant's own name).</summary>
    AsyncCall = 1 << 9,

    /// <summary>A call named like an asynchronous syscall whose task is not awaited where the call is made.</summary>
    UnawaitedAsyncCall = 1 << 6,

    /// <summary>The name <c>RingRequest</c> (its factories put their arguments into a ring operation).</summary>
    RingRequest = 1 << 10,

    /// <summary>A name of an <c>[AsyncSyscall]</c> wrapper.</summary>
    WrapperCall = 1 << 7,

    /// <summary>The root is a method that carries an <c>[AsyncSyscall]</c> attribute.</summary>
    WrapperDeclaration = 1 << 8,

    /// <summary>The name <c>Register</c> or <c>UnsafeRegister</c> (a callback run when a cancellation token fires).</summary>
    CancellationCallback = 1 << 13,

    /// <summary>
    /// A name of a method of this compilation that takes an address (a pointer, <c>nint</c>) and whose body may start an
    /// operation: stack memory given to it may be what the operation gets (ASYS1004), whatever the method is called.
    /// </summary>
    AddressTakingStarter = 1 << 14,

    /// <summary>
    /// A name of a lock owned by the thread that takes it (<c>Monitor</c>, <c>ReleaseMutex</c>, a
    /// <c>ReaderWriterLockSlim</c>'s <c>Exit*Lock</c>): taken before an await and released after it (ASYS1002, round 48).
    /// </summary>
    ThreadOwnedLock = 1 << 15,

    /// <summary>
    /// A name of an API that hands a lambda to another thread (<c>QueueUserWorkItem</c>, <c>Timer</c>, <c>Run</c>,
    /// <c>StartNew</c>, <c>ContinueWith</c>, <c>Thread</c>): per-thread storage the code sets and its callback reads
    /// (ASYS1002, round 48; looked at only with <see cref="ThreadState"/>).
    /// </summary>
    ThreadHop = 1 << 16,

    /// <summary>
    /// A name of an API that runs one async lambda for several elements at once (<c>Parallel.ForEachAsync</c>,
    /// <c>Parallel.ForAsync</c>, <c>Task.WhenAll</c>): a buffer its runs share may be written by one while another's
    /// operation uses it (ASYS1005, round 51; looked at only with <see cref="AsyncCall"/>).
    /// </summary>
    ConcurrentBody = 1 << 17,

    /// <summary>
    /// A <c>using</c> statement or declaration in a compilation where a synchronous <c>Dispose</c> calls a blocking
    /// wrapper: in an async function the compiler's implicit <c>Dispose</c> call blocks (ASYS1007, round 63).
    /// </summary>
    BlockingDisposal = 1 << 18,
}

/// <summary>
/// One piece of executable code at the top of a tree: a member's body (method, constructor, operator, accessor,
/// expression-bodied property), a field or property initializer, or a file's top-level statements, with what its
/// tokens mention. Lambdas and local functions belong to the root they are written in.
/// </summary>
internal readonly struct CodeRoot
{
    public CodeRoot(SyntaxNode syntax, CodeFeatures features, ImmutableArray<Mark> marks, ImmutableArray<SyntaxNode> events)
    {
        Syntax = syntax;
        Features = features;
        Marks = marks;
        Events = events;
    }

    /// <summary>The node <see cref="SemanticModel.GetOperation(SyntaxNode, CancellationToken)"/> turns into the root's operation tree.</summary>
    public SyntaxNode Syntax { get; }

    public CodeFeatures Features { get; }

    /// <summary>The names that gave the root its features, in source order: where a rule starts looking, instead of walking the root.</summary>
    public ImmutableArray<Mark> Marks { get; }

    /// <summary>
    /// In roots that name an errno reader: the awaits, calls, object creations and code the compiler expands into
    /// calls (collection initializers, queries, ranges, interpolated strings, deconstructions), and the names of
    /// properties whose getters make a call, in source order.
    /// </summary>
    public ImmutableArray<SyntaxNode> Events { get; }

    /// <summary>Whether the root mentions every one of <paramref name="features"/>.</summary>
    public bool HasAll(CodeFeatures features) => (Features & features) == features;

    /// <summary>Whether the root mentions any of <paramref name="features"/>.</summary>
    public bool HasAny(CodeFeatures features) => (Features & features) != 0;

    /// <summary>Whether code in the root awaits in an async function (top-level statements are async when they await).</summary>
    public bool AwaitsInAsyncCode => HasAny(CodeFeatures.Await) && (HasAny(CodeFeatures.AsyncFunction) || Syntax is CompilationUnitSyntax);
}

/// <summary>A name in a code root and the features it gave the root.</summary>
internal readonly struct Mark
{
    public Mark(SyntaxToken token, CodeFeatures features)
    {
        Token = token;
        Features = features;
    }

    public SyntaxToken Token { get; }

    public CodeFeatures Features { get; }

    /// <summary>The name node the token is, if it is one (<c>Name</c> in <c>x.Name(...)</c>).</summary>
    public SimpleNameSyntax? Name => Token.Parent as SimpleNameSyntax;
}

/// <summary>
/// The code roots of one syntax tree and their features, built once per tree and compilation from tokens (no
/// binding) and shared by every rule: the rules ask the semantic model only about roots whose features say there
/// may be something to find.
/// </summary>
internal sealed class CodeIndex
{
    private CodeIndex(ImmutableArray<CodeRoot> roots) => Roots = roots;

    public ImmutableArray<CodeRoot> Roots { get; }

    public static CodeIndex Build(SyntaxTree tree, NameFeatures names, CancellationToken cancellationToken)
    {
        var builder = new Builder(names, cancellationToken);
        var unit = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        bool topLevel = false;
        foreach (MemberDeclarationSyntax member in unit.Members)
        {
            if (member is GlobalStatementSyntax)
            {
                topLevel = true;
            }
            else
            {
                builder.AddMember(member);
            }
        }

        if (topLevel)
        {
            // Top-level statements are one function: the program's entry point.
            foreach (MemberDeclarationSyntax member in unit.Members)
            {
                if (member is GlobalStatementSyntax)
                {
                    builder.Scan(member);
                }
            }

            builder.AddRoot(unit, CodeFeatures.None);
        }

        return new CodeIndex(builder.Roots.ToImmutable());
    }

    /// <summary>Whether a call's task is awaited where it is made: <c>await X(...)</c>, through parentheses, casts and <c>ConfigureAwait</c>.</summary>
    public static bool IsAwaitedAtOnce(InvocationExpressionSyntax call)
    {
        SyntaxNode current = call;
        SyntaxNode? parent = current.Parent;
        while (true)
        {
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CastExpressionSyntax:
                    current = parent;
                    parent = parent.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access
                    when access.Expression == current:
                    current = configured;
                    parent = configured.Parent;
                    continue;
                default:
                    return parent is AwaitExpressionSyntax;
            }
        }
    }

    /// <summary>The call a name is the target of (<c>Name(...)</c>, <c>x.Name(...)</c>, <c>x?.Name(...)</c>), if it is one.</summary>
    public static InvocationExpressionSyntax? CallOf(SimpleNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
            : name.Parent is MemberBindingExpressionSyntax binding ? binding
            : name;
        return target.Parent is InvocationExpressionSyntax call && call.Expression == target ? call : null;
    }

    /// <summary>The name a call is made by (<c>Name</c> in <c>x.Name(...)</c>), if it is a plain or member call.</summary>
    public static string? CalledName(InvocationExpressionSyntax call) => call.Expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    private sealed class Builder
    {
        private readonly NameFeatures _names;
        private readonly CancellationToken _cancellationToken;

        private readonly Stack<SyntaxNodeOrToken> _pending = new();
        private readonly ImmutableArray<Mark>.Builder _marks = ImmutableArray.CreateBuilder<Mark>();
        private readonly ImmutableArray<SyntaxNode>.Builder _events = ImmutableArray.CreateBuilder<SyntaxNode>();
        private CodeFeatures _features;

        public Builder(NameFeatures names, CancellationToken cancellationToken)
        {
            _names = names;
            _cancellationToken = cancellationToken;
        }

        public ImmutableArray<CodeRoot>.Builder Roots { get; } = ImmutableArray.CreateBuilder<CodeRoot>();

        /// <summary>Whether the type whose members are being added is marked <c>[Reentrant]</c>.</summary>
        private bool _reentrantType;

        public void AddMember(MemberDeclarationSyntax member)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    foreach (MemberDeclarationSyntax nested in ns.Members)
                    {
                        AddMember(nested);
                    }

                    break;
                case TypeDeclarationSyntax type:
                    if (type.BaseList is { Types: { Count: > 0 } bases } && bases[0] is PrimaryConstructorBaseTypeSyntax primary)
                    {
                        // class C(int fd) : Base(...): the arguments run in the primary constructor.
                        Scan(primary.ArgumentList);
                        AddRoot(primary, CodeFeatures.None);
                    }

                    // Since round 54: the methods of a type marked `[Reentrant]` (an Orleans grain) run interleaved with each
                    // other at their awaits, as a fan-out's bodies run at once: each is a concurrent body.
                    bool outer = _reentrantType;
                    _reentrantType = ConcurrentBodies.IsReentrantType(type);
                    foreach (MemberDeclarationSyntax nested in type.Members)
                    {
                        AddMember(nested);
                    }

                    _reentrantType = outer;
                    break;
                case BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                    Scan(method);
                    AddRoot(method, (method is MethodDeclarationSyntax declared && IsWrapper(declared) ? CodeFeatures.WrapperDeclaration : CodeFeatures.None) |
                        (_reentrantType && method is MethodDeclarationSyntax ? CodeFeatures.ConcurrentBody : CodeFeatures.None));
                    break;
                case BasePropertyDeclarationSyntax property:
                    AddProperty(property);
                    break;
                case BaseFieldDeclarationSyntax field:
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { } initializer)
                        {
                            Scan(initializer);
                            AddRoot(initializer, CodeFeatures.None);
                        }
                    }

                    break;
            }
        }

        private void AddProperty(BasePropertyDeclarationSyntax property)
        {
            ArrowExpressionClauseSyntax? arrow = property switch
            {
                PropertyDeclarationSyntax p => p.ExpressionBody,
                IndexerDeclarationSyntax i => i.ExpressionBody,
                _ => null,
            };
            if (arrow is not null)
            {
                Scan(arrow);
                AddRoot(arrow, CodeFeatures.None);
            }

            if (property.AccessorList is { } accessors)
            {
                foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        Scan(accessor);
                        AddRoot(accessor, CodeFeatures.None);
                    }
                }
            }

            if (property is PropertyDeclarationSyntax { Initializer: { } initializer })
            {
                Scan(initializer);
                AddRoot(initializer, CodeFeatures.None);
            }
        }

        private bool IsWrapper(MethodDeclarationSyntax method)
        {
            foreach (AttributeListSyntax list in method.AttributeLists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    if (UsingNames.LastName(attribute.Name) is { } written && _names.MayBeAttribute(written, "AsyncSyscall"))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The root scanned since the last <see cref="AddRoot"/> becomes one, with what its tokens mention.</summary>
        public void AddRoot(SyntaxNode syntax, CodeFeatures extra)
        {
            CodeFeatures features = _features | extra;
            if ((features & CodeFeatures.StackAddress) != 0 && _names.ImportsRingRequest)
            {
                // RingRequest's factories imported with using static: called by their own names (ASYS1004).
                features |= CodeFeatures.RingRequest;
            }

            ImmutableArray<Mark> marks = _marks.Count == 0 ? ImmutableArray<Mark>.Empty : _marks.ToImmutable();
            // Only the errno rule reads the events, and only in roots that name an errno reader.
            ImmutableArray<SyntaxNode> events = (features & CodeFeatures.ErrnoRead) != 0 ? _events.ToImmutable() : ImmutableArray<SyntaxNode>.Empty;
            Roots.Add(new CodeRoot(syntax, features, marks, events));
            _features = CodeFeatures.None;
            _marks.Clear();
            _events.Clear();
        }

        /// <summary>Adds what the tokens of <paramref name="node"/> mention to the root being built.</summary>
        /// <remarks>
        /// A recursive walk in source order over ChildNodesAndTokens (several times faster than DescendantTokens);
        /// below <see cref="MaxDepth"/> levels it goes on with an explicit stack, so deep expressions (long
        /// concatenations) cannot overflow the call stack.
        /// </remarks>
        public void Scan(SyntaxNode node) => Scan(node, 0);

        // Deeper than this, the walk uses the heap; real code rarely nests this deep.
        private const int MaxDepth = 48;

        private void Scan(SyntaxNode node, int depth)
        {
            if (depth >= MaxDepth)
            {
                ScanDeep(node);
                return;
            }

            foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
            {
                if (child.IsToken)
                {
                    Visit(child.AsToken());
                }
                else
                {
                    Scan(child.AsNode()!, depth + 1);
                }
            }
        }

        private void ScanDeep(SyntaxNode node)
        {
            _pending.Push(node);
            while (_pending.Count > 0)
            {
                SyntaxNodeOrToken current = _pending.Pop();
                if (current.AsNode() is { } parent)
                {
                    foreach (SyntaxNodeOrToken child in parent.ChildNodesAndTokens().Reverse())
                    {
                        _pending.Push(child);
                    }
                }
                else
                {
                    Visit(current.AsToken());
                }
            }
        }

        private void Visit(SyntaxToken token)
        {
            switch (token.Kind())
            {
                case SyntaxKind.IdentifierToken:
                    CodeFeatures features = Identifier(token);
                    if (features != CodeFeatures.None)
                    {
                        _features |= features;
                        _marks.Add(new Mark(token, features));
                    }

                    if (token.Parent is IdentifierNameSyntax { Parent: not InvocationExpressionSyntax } name && _names.MayBeCallingGetter(token.ValueText))
                    {
                        // A property whose getter may P/Invoke: a call the syntax does not show.
                        _events.Add(name);
                    }

                    break;
                case SyntaxKind.AwaitKeyword:
                    _features |= CodeFeatures.Await;
                    _events.Add(token.Parent!);
                    break;
                case SyntaxKind.AsyncKeyword:
                    _features |= CodeFeatures.AsyncFunction;
                    break;
                case SyntaxKind.UsingKeyword when _names.DisposeBlocks && token.Parent is LocalDeclarationStatementSyntax or UsingStatementSyntax:
                    _features |= CodeFeatures.BlockingDisposal;
                    break;
                case SyntaxKind.StackAllocKeyword or SyntaxKind.FixedKeyword:
                    _features |= CodeFeatures.StackAddress;
                    break;
                case SyntaxKind.AmpersandToken when token.Parent.IsKind(SyntaxKind.AddressOfExpression):
                    _features |= CodeFeatures.StackAddress;
                    break;
                default:
                    if (EventAt(token) is { } found)
                    {
                        _events.Add(found);
                    }

                    break;
            }
        }

        /// <summary>
        /// The code a token opens that runs a call, or that the compiler expands into calls: invocations, object
        /// creations, collection initializers, queries, collection expressions, ranges, interpolated strings,
        /// deconstructions.
        /// </summary>
        private static SyntaxNode? EventAt(SyntaxToken token) => token.Kind() switch
        {
            SyntaxKind.OpenParenToken when token.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call } => call,
            SyntaxKind.NewKeyword when token.Parent is BaseObjectCreationExpressionSyntax creation => creation,
            SyntaxKind.OpenBraceToken when token.Parent.IsKind(SyntaxKind.CollectionInitializerExpression) ||
                token.Parent.IsKind(SyntaxKind.ComplexElementInitializerExpression) => token.Parent,
            SyntaxKind.FromKeyword when token.Parent is FromClauseSyntax { Parent: QueryExpressionSyntax query } => query,
            SyntaxKind.OpenBracketToken when token.Parent is CollectionExpressionSyntax collection => collection,
            SyntaxKind.DotDotToken when token.Parent is RangeExpressionSyntax range => range,
            SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken or
                SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken => token.Parent,
            SyntaxKind.EqualsToken when token.Parent is AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } deconstruction => deconstruction,
            _ => null,
        };

        private CodeFeatures Identifier(SyntaxToken token)
        {
            string text = token.ValueText;
            CodeFeatures features = _names.Of(text);
            if (token.Parent is not SimpleNameSyntax name)
            {
                return features;
            }

            if (text == "Value" && name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                features |= CodeFeatures.ValueAccess;
            }
            else if (_names.MayBeAsyncSyscall(text) && CallOf(name) is { } call)
            {
                features |= IsAwaitedAtOnce(call) ? CodeFeatures.AsyncCall : CodeFeatures.AsyncCall | CodeFeatures.UnawaitedAsyncCall;
            }

            return features;
        }
    }
}

/// <summary>The features an identifier alone gives a piece of code, for one compilation (its own names included).</summary>
internal sealed class NameFeatures
{
    private readonly Dictionary<string, CodeFeatures> _byName = new(System.StringComparer.Ordinal);
    private readonly DeclaredNames _declared;

    // The variants' names, in a set that is fast to ask for every name in a tree (the declared set is immutable).
    private readonly HashSet<string> _variants;

    public NameFeatures(DeclaredNames declared)
    {
        _declared = declared;
        _variants = new HashSet<string>(declared.Variants, System.StringComparer.Ordinal);
        foreach (string reader in ErrnoReadTooLateAnalyzer.ErrnoReaders)
        {
            Add(reader, CodeFeatures.ErrnoRead);
        }

        Add("Win32Exception", CodeFeatures.ErrnoRead);
        foreach (string name in declared.ErrnoHelpers)
        {
            Add(name, CodeFeatures.ErrnoRead);
        }

        foreach (string name in ErrnoHelpers.KnownReaderNames())
        {
            Add(name, CodeFeatures.ErrnoRead);
        }

        foreach (KeyValuePair<string, string> alias in declared.Usings.Aliases)
        {
            if (alias.Value == "RingRequest")
            {
                Add(alias.Key, CodeFeatures.RingRequest);
            }
        }

        Add("AsPointer", CodeFeatures.StackAddress);
        Add("RingRequest", CodeFeatures.RingRequest);
        Add("Register", CodeFeatures.CancellationCallback);
        Add("UnsafeRegister", CodeFeatures.CancellationCallback);
        Add("CurrentManagedThreadId", CodeFeatures.ThreadState);
        Add("CurrentThread", CodeFeatures.ThreadState);

        // Since round 54: an AsyncLocal read in a callback handed over under ExecutionContext.SuppressFlow (ASYS1002).
        Add("SuppressFlow", CodeFeatures.ThreadState);
        foreach (string name in ThreadOwnedLocks.Names)
        {
            Add(name, CodeFeatures.ThreadOwnedLock);
        }

        foreach (string name in ThreadHops.Names)
        {
            Add(name, CodeFeatures.ThreadHop);
        }

        foreach (string name in ConcurrentBodies.Names)
        {
            Add(name, CodeFeatures.ConcurrentBody);
        }

        foreach (string name in declared.ThreadStatics)
        {
            Add(name, CodeFeatures.ThreadState);
        }

        // A method that sets or reads per-thread storage for its caller (ASYS1002 follows it one level).
        foreach (string name in declared.ThreadStorageHelpers)
        {
            Add(name, CodeFeatures.ThreadState);
        }

        foreach (string name in declared.ThreadHelpers)
        {
            Add(name, CodeFeatures.ThreadState);
        }

        foreach (string name in declared.Wrappers)
        {
            Add(name, CodeFeatures.WrapperCall);
        }

        // A synchronous facade blocks on the ring as a wrapper does (ASYS1007 looks at its calls).
        foreach (string name in declared.Facades)
        {
            Add(name, CodeFeatures.WrapperCall);
        }

        // A synchronous helper that calls a wrapper blocks as the wrapper does (ASYS1007, since round 50).
        foreach (string name in declared.BlockingHelpers)
        {
            Add(name, CodeFeatures.WrapperCall);
        }

        foreach (string name in declared.AddressTakingStarters)
        {
            Add(name, CodeFeatures.AddressTakingStarter);
        }

        // Since round 60: a fixed-size buffer field, or a helper given `ref` storage it may start an operation over.
        foreach (string name in declared.StackViews)
        {
            Add(name, CodeFeatures.StackAddress);
        }
    }

    public CodeFeatures Of(string name) => _byName.TryGetValue(name, out CodeFeatures features) ? features : CodeFeatures.None;

    /// <summary>Whether some file imports RingRequest's factories with <c>using static</c>: code calls them without its name.</summary>
    public bool ImportsRingRequest => _declared.Usings.ImportsRingRequest;

    /// <summary>Whether an attribute written so may be <paramref name="name"/>, directly or through an alias.</summary>
    public bool MayBeAttribute(string written, string name) => _declared.Usings.MayBeAttribute(written, name);

    /// <summary>Whether a property of this compilation by this name has a getter that makes a call (the errno rule's events).</summary>
    /// <summary>Whether a synchronous method named <c>Dispose</c> calls a blocking wrapper (ASYS1007, round 63).</summary>
    public bool DisposeBlocks => _declared.BlockingHelpers.Count > 0 && _declared.BlockingHelpers.Contains("Dispose");

    public bool MayBeCallingGetter(string name) => _declared.CallingGetters.Count > 0 && _declared.CallingGetters.Contains(name);

    public bool MayBeAsyncSyscall(string name) =>
        _declared.AnyVariantName || name.EndsWith("Async", System.StringComparison.Ordinal) || (_variants.Count > 0 && _variants.Contains(name));

    private void Add(string name, CodeFeatures features) =>
        _byName[name] = _byName.TryGetValue(name, out CodeFeatures known) ? known | features : features;
}
