using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// errno reads that are not Marshal's own: a property or method of this compilation whose returned value is, or is built
/// from, an errno read (<c>static int Errno => Marshal.GetLastWin32Error();</c>, <c>static ErrorInfo LastErrorInfo() =>
/// new(Marshal.GetLastPInvokeError());</c>), followed one level and decided by binding that body, never by the helper's
/// name; and the readers of well-known libraries (<see cref="KnownReaders"/>).
/// </summary>
internal sealed class ErrnoHelpers
{
    /// <summary>
    /// Members of referenced libraries that read errno for their caller: namespace, type, member. Only members of other
    /// assemblies are matched here; one compiled in this compilation is judged by its body like any other helper.
    /// </summary>
    internal static readonly (string Namespace, string Type, string Member)[] KnownReaders =
    {
        // Tmds.LibC: `public static int errno => Marshal.GetLastWin32Error();`
        ("Tmds.Linux", "LibC", "errno"),
        // Mono.Posix: Stdlib.GetLastError() reads Marshal.GetLastWin32Error() first; UnixMarshal builds or throws
        // the exception for it.
        ("Mono.Unix.Native", "Stdlib", "GetLastError"),
        ("Mono.Unix", "UnixMarshal", "CreateExceptionForLastError"),
        ("Mono.Unix", "UnixMarshal", "ThrowExceptionForLastError"),
        ("Mono.Unix", "UnixMarshal", "ThrowExceptionForLastErrorIf"),
    };

    private readonly Compilation _compilation;
    private readonly AsyncSysApi _api;
    private readonly ConcurrentDictionary<ISymbol, bool> _isReader = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _getterPInvokes = new(SymbolEqualityComparer.Default);

    public ErrnoHelpers(Compilation compilation, AsyncSysApi api)
    {
        _compilation = compilation;
        _api = api;
    }

    /// <summary>
    /// Whether reading <paramref name="member"/> (a property get or a method call) reads errno: a known library reader,
    /// or a helper of this compilation whose body returns an errno read. <paramref name="model"/> is the caller's
    /// model, used when the helper is declared in the same tree.
    /// </summary>
    public bool IsReader(ISymbol member, SemanticModel? model)
    {
        if (member is IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.LocalFunction) } || member is not (IMethodSymbol or IPropertySymbol))
        {
            return false;
        }

        member = member.OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, _compilation.Assembly))
        {
            // Another assembly, as metadata or as a project reference's source: only the table counts.
            return IsKnownReader(member);
        }

        return _isReader.GetOrAdd(member, m => Decide(m, model));
    }

    /// <summary>
    /// Whether reading <paramref name="property"/>, a property of this compilation, makes a P/Invoke: its getter's body
    /// calls one (a lazy property that resolves a name with <c>ptsname_r</c> the first time it is read), found one level
    /// by binding that body; not a lambda or local function in it, which run when called. Such a read is a call that may
    /// set errno, wherever it sits between a call and the errno read for it (an interpolation's earlier hole included).
    /// A property of another assembly, or an auto-property, is a field read as far as this rule can tell.
    /// </summary>
    public bool GetterMakesPInvoke(IPropertySymbol property, SemanticModel? model)
    {
        property = property.OriginalDefinition;
        if (!SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, _compilation.Assembly) ||
            property.GetMethod is not { DeclaringSyntaxReferences.Length: 1 } getter)
        {
            return false;
        }

        return _getterPInvokes.GetOrAdd(property, _ => GetterCallsPInvoke(getter.DeclaringSyntaxReferences[0], model));
    }

    private bool GetterCallsPInvoke(SyntaxReference reference, SemanticModel? model)
    {
        // An auto-property's `get;` has no body; an expression-bodied property's getter is its arrow clause.
        SyntaxNode getter = reference.GetSyntax();
        SemanticModel? getterModel = null;
        foreach (SyntaxNode node in getter.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is not InvocationExpressionSyntax call)
            {
                continue;
            }

#pragma warning disable RS1030 // A getter in another tree can only be bound through its own tree's model (see Decide).
            getterModel ??= model is not null && model.SyntaxTree == reference.SyntaxTree ? model : _compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
            if (getterModel.GetSymbolInfo(call).Symbol is IMethodSymbol method && _api.IsPInvoke(method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names the pre-filter must treat as possible errno reads besides Marshal's: the known readers' members.</summary>
    public static System.Collections.Generic.IEnumerable<string> KnownReaderNames()
    {
        foreach ((_, _, string member) in KnownReaders)
        {
            yield return member;
        }
    }

    /// <summary>
    /// The expression a helper returns, in the shapes followed: an expression body, a getter's expression body, or a
    /// body that is a single return; through parentheses and casts. Null for anything else.
    /// </summary>
    public static ExpressionSyntax? ReturnedExpression(SyntaxNode declaration)
    {
        ExpressionSyntax? returned = declaration switch
        {
            PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            PropertyDeclarationSyntax { AccessorList: { } accessors } => ThreadAffinity.GetterBody(accessors),
            MethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } value } => value,
            LocalFunctionStatementSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            LocalFunctionStatementSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } value } => value,
            _ => null,
        };
        while (returned is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            returned = returned is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)returned).Expression;
        }

        return returned;
    }

    /// <summary>
    /// The local function whose returned value holds <paramref name="read"/> (<c>static int LastError() =&gt;
    /// Marshal.GetLastPInvokeError();</c>, <c>static ErrorInfo Last() =&gt; new(Marshal.GetLastPInvokeError());</c>), if any:
    /// a candidate helper, which <see cref="IsReader"/> decides.
    /// </summary>
    public static LocalFunctionStatementSyntax? LocalFunctionReturning(SyntaxNode read)
    {
        for (SyntaxNode? current = read.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax function:
                    return ReturnedExpression(function) is { } returned && returned.Span.Contains(read.Span) ? function : null;
                case AnonymousFunctionExpressionSyntax or MemberDeclarationSyntax or StatementSyntax and not (BlockSyntax or ReturnStatementSyntax):
                    // Run later (a lambda), a body of more than the one return helpers are read from, or no local function.
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a returned expression may be, or hold, an errno read by its syntax alone: a reader's call or a
    /// <c>Win32Exception</c> anywhere in its value (not in a lambda), or a target-typed creation (a Win32Exception, or
    /// an object built from a read).
    /// </summary>
    public static bool MayBeErrnoRead(ExpressionSyntax? expression)
    {
        if (expression is null)
        {
            return false;
        }

        if (expression is ImplicitObjectCreationExpressionSyntax || IsReadByName(expression))
        {
            return true;
        }

        foreach (SyntaxNode node in expression.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax))
        {
            if (IsReadByName(node))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReadByName(SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax call => CodeIndex.CalledName(call) is { } name && ErrnoReadTooLateAnalyzer.ErrnoReaders.Contains(name),
        ObjectCreationExpressionSyntax creation => UsingNames.LastName(creation.Type) == "Win32Exception",
        _ => false,
    };

    /// <summary>
    /// The calls and creations a returned value makes, in the order they run (arguments and receivers before the call
    /// they are given to: a post-order walk), not those of lambdas, which run later if at all.
    /// </summary>
    private static IEnumerable<ExpressionSyntax> CallsInOrder(ExpressionSyntax value)
    {
        var pending = new Stack<(SyntaxNode Node, bool ChildrenDone)>();
        pending.Push((value, false));
        while (pending.Count > 0)
        {
            (SyntaxNode node, bool childrenDone) = pending.Pop();
            if (childrenDone)
            {
                if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax)
                {
                    yield return (ExpressionSyntax)node;
                }

                continue;
            }

            pending.Push((node, true));
            if (node is AnonymousFunctionExpressionSyntax)
            {
                continue;
            }

            ChildSyntaxList children = node.ChildNodesAndTokens();
            for (int i = children.Count - 1; i >= 0; i--)
            {
                if (children[i].AsNode() is { } child)
                {
                    pending.Push((child, false));
                }
            }
        }
    }

    private static bool IsKnownReader(ISymbol member)
    {
        foreach ((string ns, string type, string name) in KnownReaders)
        {
            if (member.Name == name && member.ContainingType is { } containing && SymbolNames.IsNamed(containing, ns, type))
            {
                return true;
            }
        }

        return false;
    }

    // One level: the helper's own returned value, bound, must be an errno read of Marshal or Win32Exception, or be built
    // from one (a constructor's or call's argument, an initializer, a tuple element, an interpolation, an arm) that runs
    // before anything else in it that may set errno: then calling the helper reads errno. A value that first makes a
    // call of its own (`close(fd) < 0 ? -Marshal.GetLastPInvokeError() : 0`, a log line) reads that call's errno,
    // not the caller's: not a reader.
    private bool Decide(ISymbol member, SemanticModel? model)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        SyntaxReference reference = member.DeclaringSyntaxReferences[0];
        ExpressionSyntax? returned = ReturnedExpression(reference.GetSyntax());
        if (!MayBeErrnoRead(returned))
        {
            return false;
        }

        // The helper's tree's model: the caller's when it is the same tree, else the compilation's. Under the analyzer
        // driver the compilation hands out the driver's shared models (its semantic model provider), whose bound
        // bodies the compiler has already filled; helpers are decided once per compilation.
#pragma warning disable RS1030 // A helper in another tree can only be bound through its own tree's model.
        SemanticModel helperModel = model is not null && model.SyntaxTree == reference.SyntaxTree
            ? model
            : _compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
        if (IsMarshalRead(helperModel.GetSymbolInfo(returned!).Symbol))
        {
            return true;
        }

        foreach (ExpressionSyntax call in CallsInOrder(returned!))
        {
            if (call == returned)
            {
                // The value's own outermost call or creation, bound above: not a read, and it runs last.
                break;
            }

            ISymbol? called = helperModel.GetSymbolInfo(call).Symbol;
            if (IsMarshalRead(called))
            {
                return true;
            }

            if (called is not IMethodSymbol method || !ErrnoReadTooLateAnalyzer.CannotTouchErrno(method, _api))
            {
                return false;
            }
        }

        return false;
    }

    // Marshal's readers and Win32Exception's reading constructors only: a helper built on another helper is two levels.
    private bool IsMarshalRead(ISymbol? symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => ErrnoReadTooLateAnalyzer.IsErrnoReadConstructor(_api, constructor),
        IMethodSymbol method => ErrnoReadTooLateAnalyzer.IsErrnoReadMethod(_api, method.ReducedFrom ?? method),
        _ => false,
    };
}
