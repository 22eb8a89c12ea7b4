using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncSys.Generator.Model;
using Microsoft.CodeAnalysis;
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
        DiagnosticDescriptors.NegativeErrnoNeedsSignedResult);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(WrapperInspector.AttributeMetadataName);
            if (attributeType is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, attributeType), SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var method = (IMethodSymbol)context.Symbol;
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

            var diagnostics = new List<Diagnostic>();
            try
            {
                WrapperInspector.Inspect(method, declaration, attribute, new ProblemSink(diagnostics), context.CancellationToken);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // Like the generator, never throw into the compiler (an AD0001 warning would fail strict builds).
                continue;
            }
            foreach (Diagnostic diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
