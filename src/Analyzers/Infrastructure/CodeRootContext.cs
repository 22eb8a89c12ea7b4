using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>
/// What a rule may ask about one code root, cheapest first: its syntax and features, symbols of single nodes
/// (which bind only the statement around them), and only then its operation tree, bodies and control flow graphs.
/// </summary>
internal sealed class CodeRootContext
{
    private readonly SemanticModelAnalysisContext _context;
    private IOperation? _operation;
    private bool _operationKnown;
    private ISymbol? _owner;
    private bool _ownerKnown;

    public CodeRootContext(SemanticModelAnalysisContext context, CodeRoot root)
    {
        _context = context;
        Root = root;
    }

    public CodeRoot Root { get; }

    public SemanticModel Model => _context.SemanticModel;

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>The member, field or property the root belongs to (the entry point for top-level statements).</summary>
    public ISymbol? Owner
    {
        get
        {
            if (!_ownerKnown)
            {
                _owner = DeclaredOwner(Model, Root.Syntax, CancellationToken);
                _ownerKnown = true;
            }

            return _owner;
        }
    }

    /// <summary>The root's operation tree (built by the semantic model once and shared by every rule that asks).</summary>
    public IOperation? Operation
    {
        get
        {
            if (!_operationKnown)
            {
                // Primary-constructor base arguments belong to the primary constructor's body (its declaration is the type's).
                SyntaxNode syntax = Root.Syntax is PrimaryConstructorBaseTypeSyntax { Parent.Parent: TypeDeclarationSyntax type } ? type : Root.Syntax;
                _operation = Model.GetOperation(syntax, CancellationToken);
                _operationKnown = true;
            }

            return _operation;
        }
    }

    /// <summary>The owner's body and every lambda and local function in the root.</summary>
    public ImmutableArray<FunctionBody> Bodies =>
        Operation is { } operation ? FunctionBody.ForRoot(operation, Owner) : ImmutableArray<FunctionBody>.Empty;

    /// <summary>The control flow graph of one of the root's bodies.</summary>
    public ControlFlowGraph? GraphOf(FunctionBody body) => FunctionGraphs.Find(body.Block, body.Symbol, Owner, CancellationToken);

    public void Report(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);

    /// <summary>The context of another root of the same tree (a member of the same type a rule follows from this one).</summary>
    public CodeRootContext ForRoot(CodeRoot other) => new(_context, other);

    /// <summary>The symbol a node binds to, if one: the node alone is bound, not the whole body.</summary>
    public ISymbol? SymbolOf(SyntaxNode node) => Model.GetSymbolInfo(node, CancellationToken).Symbol;

    /// <summary>The model of a tree a helper or field is declared in: the root's own, or the compilation's for another tree.</summary>
    public SemanticModel ModelOf(SyntaxTree tree)
    {
#pragma warning disable RS1030 // A declaration in another tree can only be bound through its own tree's model.
        return tree == Model.SyntaxTree ? Model : Model.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    /// <summary>
    /// The operation tree of a method of this compilation (ordinary, static or extension) with one declaration and a
    /// body: a helper a rule follows one level. Null for metadata, partial or abstract methods. Binds that body, so a
    /// rule asks only once the call's arguments have shown the helper matters.
    /// </summary>
    public IOperation? HelperBody(IMethodSymbol method)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 ||
            method.DeclaringSyntaxReferences[0].GetSyntax(CancellationToken) is not MethodDeclarationSyntax declaration ||
            (declaration.Body is null && declaration.ExpressionBody is null))
        {
            return null;
        }

        return ModelOf(declaration.SyntaxTree).GetOperation(declaration, CancellationToken);
    }

    private static IMethodSymbol? PrimaryConstructor(INamedTypeSymbol? type, TypeDeclarationSyntax declaration)
    {
        foreach (IMethodSymbol constructor in type?.InstanceConstructors ?? ImmutableArray<IMethodSymbol>.Empty)
        {
            foreach (SyntaxReference reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == declaration.SyntaxTree && reference.Span == declaration.Span)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    private static ISymbol? DeclaredOwner(SemanticModel model, SyntaxNode root, CancellationToken cancellationToken) => root switch
    {
        ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property } =>
            (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax variable } => model.GetDeclaredSymbol(variable, cancellationToken),
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
        PrimaryConstructorBaseTypeSyntax { Parent.Parent: TypeDeclarationSyntax type } => PrimaryConstructor(model.GetDeclaredSymbol(type, cancellationToken) as INamedTypeSymbol, type),
        _ => model.GetDeclaredSymbol(root, cancellationToken),
    };
}
