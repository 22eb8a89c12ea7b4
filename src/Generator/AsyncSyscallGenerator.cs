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
/// suppressed; so is a failure while inspecting a wrapper (ASYS0000), which the analyzer hits on the same
/// inspection. A failure while writing the source, which only the generator does, is reported here as ASYS0000.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AsyncSyscallGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<AsyncMethodModel?> attributedMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WrapperInspector.AttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, cancellationToken) => Execute.GetModel(context, cancellationToken))
            .WithTrackingName(StepNames.AttributedMethods);

        IncrementalValuesProvider<AsyncMethodModel> validWrappers = attributedMethods
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(StepNames.ValidWrappers);

        IncrementalValuesProvider<GeneratedFile> sources = validWrappers
            .Select(static (model, _) => Execute.Emit(model))
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
        /// <summary>The model of a valid wrapper; <see langword="null"/> for one with problems, which the analyzer reports.</summary>
        public static AsyncMethodModel? GetModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
            {
                return null;
            }

            try
            {
                // Diagnostics are the analyzer's to report: it runs this same inspection (same path, same
                // collected problems), so a wrapper with problems is skipped here and reported there.
                var problems = new ProblemSink(new System.Collections.Generic.List<Diagnostic>());
                return WrapperInspector.Inspect(method, syntax, context.Attributes[0], problems, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never thrown into the compiler, never dropped: the analyzer's identical inspection throws the same
                // exception and reports it as one ASYS0000 (NeverSilentTests); reporting it here too would say it twice.
                _ = exception;
                return null;
            }
        }

        public static GeneratedFile Emit(AsyncMethodModel model)
        {
            try
            {
                return new GeneratedFile(model.HintName, AsyncMethodEmitter.Emit(model), null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Only the generator writes source: this failure is reported here, as ASYS0000.
                return new GeneratedFile(model.HintName, "", InternalFailure.From(model.WrapperCref, (SourceSpot?)null, exception));
            }
        }
    }
}

/// <summary>One generated file: its hint name and text, or the failure that stopped it.</summary>
/// <param name="HintName">The stable file name.</param>
/// <param name="Text">The C# source.</param>
/// <param name="Failure">Set when generation failed: reported as ASYS0000 instead of a file.</param>
internal sealed record GeneratedFile(string HintName, string Text, InternalFailure? Failure);
