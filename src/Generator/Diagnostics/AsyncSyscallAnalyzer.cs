using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncSys.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator.Diagnostics;

/// <summary>
/// Reports what is wrong with <c>[AsyncSyscall]</c> wrappers. It runs the generator's own validation, so the
/// two always agree; as an analyzer its diagnostics honour <c>#pragma</c> and <c>.editorconfig</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncSyscallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InternalError,
        DiagnosticDescriptors.WrapperShapeInvalid,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.GenericWrapper,
        DiagnosticDescriptors.ReturnTypeNotSupported,
        DiagnosticDescriptors.ParameterNotSupported,
        DiagnosticDescriptors.RingOpDoesNotFit,
        DiagnosticDescriptors.CancelHookInvalid,
        DiagnosticDescriptors.NameClash,
        DiagnosticDescriptors.InvalidMethodName,
        DiagnosticDescriptors.CancelHookUnused,
        DiagnosticDescriptors.NegativeErrnoNeedsSignedResult,
        DiagnosticDescriptors.LanguageVersionTooLow,
        DiagnosticDescriptors.PointerNeedsMark,
        DiagnosticDescriptors.ErrorConventionNotStated,
        DiagnosticDescriptors.OrdinaryMethodNamedLikeRingCall,
        DiagnosticDescriptors.ActsOnCallingThread,
        DiagnosticDescriptors.PathMarshalledAsUtf16,
        DiagnosticDescriptors.RetriesOnInterrupt,
        DiagnosticDescriptors.ResultInReusedStorage,
        DiagnosticDescriptors.StaleLastError);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // A [LibraryImport] partial counts as generated code once the runtime's LibraryImport generator has written
        // its body (the body's [GeneratedCode] merges into the method's attributes), so generated code is analyzed
        // too: the [AsyncSyscall] mark is the user's, and so are its problems.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(WrapperInspector.AttributeMetadataName);
            if (attributeType is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributeType), SymbolKind.Method);

            // Local functions are no member symbols: symbol actions never see them, so their mark is found in the syntax.
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeLocalFunction(nodeContext, attributeType), SyntaxKind.LocalFunctionStatement);
        });
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var local = (LocalFunctionStatementSyntax)context.Node;
        if (local.AttributeLists.Count == 0 || context.SemanticModel.GetDeclaredSymbol(local, context.CancellationToken) is not IMethodSymbol function)
        {
            return;
        }

        foreach (AttributeData attribute in function.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                var problems = new ProblemSink(collect: true);
                WrapperInspector.ReportLocalFunction(local.Identifier.ValueText, local.Identifier.GetLocation(), problems);
                foreach (Diagnostic diagnostic in problems.Diagnostics())
                {
                    context.ReportDiagnostic(diagnostic);
                }

                return;
            }
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            // The body of a partial method (a [LibraryImport] stub): its declaration part is analyzed instead.
            return;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType) ||
                attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { } attributeSyntax)
            {
                continue;
            }

            MethodDeclarationSyntax? declaration = null;
            for (SyntaxNode? node = attributeSyntax; node is not null && declaration is null; node = node.Parent)
            {
                declaration = node as MethodDeclarationSyntax;
            }

            if (declaration is null)
            {
                continue;
            }

            List<Diagnostic> diagnostics;
            try
            {
                var problems = new ProblemSink(collect: true);
                // A symbol action has no semantic model; the inspection binds only the calls in an ordinary wrapper's body
                // (ASYS0016), once per marked method, as the generator's transform does with the model it is given.
#pragma warning disable RS1030
                SemanticModel model = context.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
                WrapperInspector.Inspect(method, declaration, attribute, model, problems, context.CancellationToken);
                diagnostics = problems.Diagnostics();
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // A bug in the inspection, never the user's: one ASYS0000 naming it. The generator runs the same
                // inspection on the same input (same collecting sink, same path), fails the same way, and leaves the
                // report to this analyzer, as it does every problem with a wrapper, unless the build runs no analyzers.
                diagnostics = new List<Diagnostic> { InternalFailure.From(method.Name, declaration.Identifier.GetLocation(), exception).ToDiagnostic() };
            }

            foreach (Diagnostic diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
