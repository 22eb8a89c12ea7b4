using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Analyzers;

/// <summary>
/// errno reads that are not Marshal's own: a property or method of this compilation whose body simply returns an
/// errno read (<c>static int Errno => Marshal.GetLastWin32Error();</c>), followed one level and decided by binding
/// that body, never by the helper's name; and the readers of well-known libraries (<see cref="KnownReaders"/>).
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

    /// <summary>The local function whose whole body returns <paramref name="read"/> (<c>static int LastError() =&gt; Marshal.GetLastPInvokeError();</c>), if any.</summary>
    public static LocalFunctionStatementSyntax? LocalFunctionReturning(SyntaxNode read)
    {
        SyntaxNode current = read;
        while (current.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            current = current.Parent;
        }

        LocalFunctionStatementSyntax? function = current.Parent switch
        {
            ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax arrowOwner } => arrowOwner,
            ReturnStatementSyntax { Parent: BlockSyntax { Parent: LocalFunctionStatementSyntax blockOwner } } => blockOwner,
            _ => null,
        };
        return function is not null && ReturnedExpression(function) == current ? function : null;
    }

    /// <summary>Whether a returned expression may be an errno read by its syntax alone: a reader's name, or a creation.</summary>
    public static bool MayBeErrnoRead(ExpressionSyntax? expression) => expression switch
    {
        InvocationExpressionSyntax call => CodeIndex.CalledName(call) is { } name && ErrnoReadTooLateAnalyzer.ErrnoReaders.Contains(name),
        ObjectCreationExpressionSyntax creation => UsingNames.LastName(creation.Type) == "Win32Exception",
        ImplicitObjectCreationExpressionSyntax => true,
        _ => false,
    };

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

    // One level: the helper's own returned expression, bound, must be an errno read of Marshal or Win32Exception.
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
        return helperModel.GetSymbolInfo(returned!).Symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => ErrnoReadTooLateAnalyzer.IsErrnoReadConstructor(_api, constructor),
            IMethodSymbol method => ErrnoReadTooLateAnalyzer.IsErrnoReadMethod(_api, method.ReducedFrom ?? method),
            _ => false,
        };
    }
}
