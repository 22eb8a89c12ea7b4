using System;
using System.Threading;
using AsyncSys.Generator.Emit;
using AsyncSys.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Generator;

/// <summary>
/// Generates <c>XxxAsync(..., CancellationToken)</c> beside every method marked <c>[AsyncSyscall]</c>.
/// The pipeline reads top to bottom: find the attributed methods, keep the valid ones, write their source.
/// Problems with a wrapper are reported by <see cref="Diagnostics.AsyncSyscallAnalyzer"/>, so they can be
/// suppressed; a failure of the generator itself is reported here, as one ASYS0000 per wrapper.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AsyncSyscallGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<WrapperOutcome> attributedMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WrapperInspector.AttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, cancellationToken) => Execute.GetModel(context, cancellationToken))
            .WithTrackingName(StepNames.AttributedMethods);

        IncrementalValuesProvider<WrapperOutcome> validWrappers = attributedMethods
            .Where(static outcome => outcome.Model is not null || outcome.Failure is not null)
            .WithTrackingName(StepNames.ValidWrappers);

        IncrementalValuesProvider<GeneratedFile> sources = validWrappers
            .Select(static (outcome, _) => Execute.Emit(outcome))
            .WithTrackingName(StepNames.GeneratedSources);

        context.RegisterSourceOutput(sources, static (output, file) =>
        {
            if (file.Failure is not null)
            {
                output.ReportDiagnostic(file.Failure.ToDiagnostic());
            }
            else
            {
                output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>The work behind each step, kept out of the pipeline so the pipeline stays readable.</summary>
    private static class Execute
    {
        public static WrapperOutcome GetModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
            {
                return WrapperOutcome.Nothing;
            }

            try
            {
                // Diagnostics are the analyzer's to report: it runs this same inspection (same path, same
                // collected problems), so a wrapper with problems is skipped here and reported there.
                var problems = new ProblemSink(new System.Collections.Generic.List<Diagnostic>());
                return new WrapperOutcome(WrapperInspector.Inspect(method, syntax, context.Attributes[0], problems, cancellationToken), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never thrown into the compiler, never dropped: the wrapper gets one ASYS0000 naming the failure.
                return new WrapperOutcome(null, InternalFailure.From(method.Name, syntax.Identifier.GetLocation(), exception));
            }
        }

        public static GeneratedFile Emit(WrapperOutcome outcome)
        {
            if (outcome.Model is not { } model)
            {
                return new GeneratedFile("", "", outcome.Failure);
            }

            try
            {
                return new GeneratedFile(model.HintName, AsyncMethodEmitter.Emit(model), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new GeneratedFile(model.HintName, "", InternalFailure.From(model.WrapperCref, (SourceSpot?)null, exception));
            }
        }
    }
}

/// <summary>What inspecting one wrapper gave: its model, an internal failure, or neither (the analyzer reports why).</summary>
/// <param name="Model">The model of a valid wrapper.</param>
/// <param name="Failure">The generator's own failure on this wrapper.</param>
internal sealed record WrapperOutcome(AsyncMethodModel? Model, InternalFailure? Failure)
{
    public static readonly WrapperOutcome Nothing = new(null, null);
}

/// <summary>One generated file: its hint name and text, or the failure that stopped it.</summary>
/// <param name="HintName">The stable file name.</param>
/// <param name="Text">The C# source.</param>
/// <param name="Failure">Set when generation failed: reported as ASYS0000 instead of a file.</param>
internal sealed record GeneratedFile(string HintName, string Text, InternalFailure? Failure);
