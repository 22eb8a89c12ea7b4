using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncSys.Analyzers.CodeFixes;

/// <summary>
/// Fixes ASYS1007 by rewriting <c>Wrapper(args)</c> to <c>await WrapperAsync(args, token)</c>, passing the
/// enclosing method's CancellationToken parameter when it has one. A wrapper with <c>out</c> parameters has a
/// variant that returns them in its result (a <c>XxxResult</c> record, or the one out value itself): the call
/// becomes <c>var result = await XxxAsync(...)</c> and each out variable is assigned from it.
/// </summary>
/// <remarks>
/// Offered only where the rewrite compiles and means the same: the variant's result has the type the call's
/// value is used as, and out arguments sit in a statement of their own block. Elsewhere (a poll whose variant
/// returns the events, an out call inside a condition) no fix is offered.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseAsyncVariantCodeFix)), Shared]
public sealed class UseAsyncVariantCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(BlockingWrapperInAsyncMethodAnalyzer.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call ||
                !diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.VariantNameProperty, out string? variant) ||
                variant is null ||
                !AsyncContext.CanAwaitAt(model, call, context.CancellationToken) ||
                model.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol wrapper)
            {
                continue;
            }

            IMethodSymbol? variantMethod = FindVariant(wrapper, variant);
            if (variantMethod is null)
            {
                continue;
            }

            bool hasOuts = wrapper.Parameters.Any(p => p.RefKind == RefKind.Out);
            Plan? plan = hasOuts ? PlanOutRewrite(model, call, wrapper, variantMethod, context.CancellationToken) : null;
            if (hasOuts ? plan is null : !ValueFits(call, wrapper, variantMethod))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Await '" + variant + "'",
                    ct => plan is null
                        ? UseVariantAsync(context.Document, call, diagnostic, variant, ct)
                        : UseVariantWithResultAsync(context.Document, call, diagnostic, variant, plan, ct),
                    equivalenceKey: BlockingWrapperInAsyncMethodAnalyzer.Id),
                diagnostic);
        }
    }

    /// <summary>The generated variant beside the wrapper that takes the same inputs (no IoRing first) and a token last.</summary>
    private static IMethodSymbol? FindVariant(IMethodSymbol wrapper, string name)
    {
        int inputs = wrapper.Parameters.Count(p => p.RefKind != RefKind.Out);
        foreach (IMethodSymbol candidate in wrapper.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
        {
            if (candidate.Parameters.Length == inputs + 1 && candidate.Parameters[inputs].Type.Name == "CancellationToken")
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The type the variant's task yields: T of ValueTask&lt;T&gt;, null for ValueTask.</summary>
    private static ITypeSymbol? AwaitedType(IMethodSymbol variant) =>
        variant.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic ? generic.TypeArguments[0] : null;

    /// <summary>Without out parameters: the value is unused, or the variant yields the wrapper's own return type.</summary>
    private static bool ValueFits(InvocationExpressionSyntax call, IMethodSymbol wrapper, IMethodSymbol variant) =>
        call.Parent is ExpressionStatementSyntax ||
        SymbolEqualityComparer.Default.Equals(AwaitedType(variant), wrapper.ReturnType);

    /// <summary>How a call with out arguments maps onto the variant's result.</summary>
    private sealed class Plan
    {
        public Plan(StatementSyntax statement, List<(ArgumentSyntax Argument, string? Member)> outs, string? returnMember, ITypeSymbol resultType)
        {
            Statement = statement;
            Outs = outs;
            ReturnMember = returnMember;
            ResultType = resultType;
        }

        /// <summary>The statement the call is in, directly in a block.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>Each out argument and the result's member that carries it (null: the result itself).</summary>
        public List<(ArgumentSyntax Argument, string? Member)> Outs { get; }

        /// <summary>The result's member carrying the return value, if the call's value is used.</summary>
        public string? ReturnMember { get; }

        public ITypeSymbol ResultType { get; }
    }

    private static Plan? PlanOutRewrite(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol wrapper, IMethodSymbol variant, CancellationToken cancellationToken)
    {
        ITypeSymbol? result = AwaitedType(variant);
        if (result is null)
        {
            return null;
        }

        // Where the call may be: a statement of its own, `T v = Call(...)`, or `v = Call(...)`, directly in a block.
        SyntaxNode? parent = call.Parent;
        bool valueUsed;
        StatementSyntax? statement;
        switch (parent)
        {
            case ExpressionStatementSyntax expressionStatement:
                statement = expressionStatement;
                valueUsed = false;
                break;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } }:
                statement = declaration;
                valueUsed = true;
                break;
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax assignmentStatement } assignment when assignment.Right == call && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                statement = assignmentStatement;
                valueUsed = true;
                break;
            default:
                return null;
        }

        if (statement.Parent is not BlockSyntax)
        {
            return null;
        }

        IOperation? operation = model.GetOperation(call, cancellationToken);
        if (operation is not IInvocationOperation invocation)
        {
            return null;
        }

        var outs = new List<(ArgumentSyntax, string?)>();
        string? returnMember = null;
        bool single = wrapper.Parameters.Count(p => p.RefKind == RefKind.Out) == 1;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.Out } parameter || argument.Syntax is not ArgumentSyntax syntax)
            {
                continue;
            }

            string? member = FindMember(result, parameter.Name);
            if (member is null)
            {
                // The one out value may be the result itself (statx: the struct is the answer, 0 on success is dropped).
                if (!single || !SymbolEqualityComparer.Default.Equals(result, parameter.Type))
                {
                    return null;
                }
            }

            outs.Add((syntax, member));
        }

        if (valueUsed)
        {
            returnMember = FindMember(result, "ReturnValue");
            if (returnMember is null)
            {
                return null;
            }
        }

        return new Plan(statement, outs, returnMember, result);
    }

    /// <summary>The result record's property for a parameter: the generator names it in PascalCase.</summary>
    private static string? FindMember(ITypeSymbol result, string parameterName)
    {
        if (result.SpecialType != SpecialType.None || result.TypeKind is not (TypeKind.Struct or TypeKind.Class))
        {
            return null;
        }

        foreach (ISymbol member in result.GetMembers())
        {
            if (member is IPropertySymbol { IsStatic: false } property && string.Equals(property.Name, parameterName, System.StringComparison.OrdinalIgnoreCase))
            {
                return property.Name;
            }
        }

        return null;
    }

    private static async Task<Document> UseVariantWithResultAsync(Document document, InvocationExpressionSyntax call, Diagnostic diagnostic, string variant, Plan plan, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SemanticModel model = editor.SemanticModel;
        StatementSyntax statement = plan.Statement;
        SyntaxTriviaList indentation = SyntaxFactory.TriviaList(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        SyntaxTrivia newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (newLine == default)
        {
            newLine = SyntaxFactory.ElasticLineFeed;
        }

        string name = UniqueName(model, call.SpanStart, char.ToLowerInvariant(variant[0]) + variant.Substring(1).Replace("Async", "") + "Result");

        // The inputs only: out arguments come back in the result.
        var outArguments = new HashSet<ArgumentSyntax>(plan.Outs.Select(o => o.Argument));
        var inputs = call.ArgumentList.Arguments.Where(a => !outArguments.Contains(a)).Select(a => a.WithoutTrivia()).ToList();
        ArgumentListSyntax arguments = WithToken(model, call, diagnostic, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(inputs)), outsRemoved: true, cancellationToken);
        string argumentText = string.Join(", ", arguments.Arguments.Select(a => a.ToString()));
        string variantCall = RenameTarget(call, variant).WithoutTrivia().ToString() + "(" + argumentText + ")";

        var statements = new List<StatementSyntax>
        {
            Line("var " + name + " = await " + variantCall + ";"),
        };
        foreach ((ArgumentSyntax argument, string? member) in plan.Outs)
        {
            string value = member is null ? name : name + "." + member;
            switch (argument.Expression)
            {
                case DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax variable } declaration:
                    statements.Add(Line(declaration.Type.ToString() + " " + variable.Identifier.ValueText + " = " + value + ";"));
                    break;
                case DeclarationExpressionSyntax or IdentifierNameSyntax { Identifier.ValueText: "_" }:
                    // out _ (or a discard designation): nothing to keep.
                    break;
                default:
                    statements.Add(Line(argument.Expression.WithoutTrivia().ToString() + " = " + value + ";"));
                    break;
            }
        }

        editor.InsertBefore(statement, statements);
        if (plan.ReturnMember is null)
        {
            editor.RemoveNode(statement);
        }
        else
        {
            editor.ReplaceNode(call, SyntaxFactory.ParseExpression(name + "." + plan.ReturnMember).WithTriviaFrom(call));
        }

        return editor.GetChangedDocument();

        StatementSyntax Line(string text) => SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indentation).WithTrailingTrivia(newLine);
    }

    private static ExpressionSyntax RenameTarget(InvocationExpressionSyntax call, string variant) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(variant)),
        IdentifierNameSyntax => SyntaxFactory.IdentifierName(variant),
        MemberBindingExpressionSyntax binding => binding.WithName(SyntaxFactory.IdentifierName(variant)),
        _ => call.Expression,
    };

    /// <summary>Appends the caller's token: by position when every earlier parameter is passed in order, else by name.</summary>
    private static ArgumentListSyntax WithToken(SemanticModel model, InvocationExpressionSyntax call, Diagnostic diagnostic, ArgumentListSyntax arguments, bool outsRemoved, CancellationToken cancellationToken)
    {
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.CallerTokenProperty, out string? token);
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.TokenParameterProperty, out string? tokenParameter);
        if (token is null)
        {
            return arguments;
        }

        ArgumentSyntax passToken = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));
        bool positional = model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol wrapper &&
                          arguments.Arguments.Count == wrapper.Parameters.Count(p => !outsRemoved || p.RefKind != RefKind.Out) &&
                          arguments.Arguments.All(a => a.NameColon is null) &&
                          !wrapper.Parameters.Any(p => p.IsParams);
        if (!positional && tokenParameter is not null)
        {
            passToken = passToken.WithNameColon(SyntaxFactory.NameColon(tokenParameter));
        }

        return arguments.AddArguments(passToken);
    }

    private static string UniqueName(SemanticModel model, int position, string preferred)
    {
        string name = preferred;
        for (int i = 2; !model.LookupSymbols(position, name: name).IsEmpty; i++)
        {
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static async Task<Document> UseVariantAsync(Document document, InvocationExpressionSyntax call, Diagnostic diagnostic, string variant, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

        ExpressionSyntax target = call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(SyntaxFactory.IdentifierName(variant)),
            IdentifierNameSyntax => SyntaxFactory.IdentifierName(variant),
            MemberBindingExpressionSyntax binding => binding.WithName(SyntaxFactory.IdentifierName(variant)),
            _ => call.Expression,
        };

        ArgumentListSyntax arguments = call.ArgumentList;
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.CallerTokenProperty, out string? token);
        diagnostic.Properties.TryGetValue(BlockingWrapperInAsyncMethodAnalyzer.TokenParameterProperty, out string? tokenParameter);
        if (token is not null)
        {
            ArgumentSyntax passToken = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));

            // Positional only when every parameter is already passed in order; otherwise name it.
            bool positional = model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol wrapper &&
                              call.ArgumentList.Arguments.Count == wrapper.Parameters.Length &&
                              call.ArgumentList.Arguments.All(a => a.NameColon is null) &&
                              !wrapper.Parameters.Any(p => p.IsParams);
            if (!positional && tokenParameter is not null)
            {
                passToken = passToken.WithNameColon(SyntaxFactory.NameColon(tokenParameter));
            }

            arguments = arguments.AddArguments(passToken);
        }

        AwaitExpressionSyntax awaited = SyntaxFactory.AwaitExpression(call.WithExpression(target).WithArgumentList(arguments).WithoutTrivia());
        ExpressionSyntax replacement = call.Parent is ExpressionStatementSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax or ArgumentSyntax
            ? awaited
            : SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(call, replacement.WithTriviaFrom(call)));
    }
}
