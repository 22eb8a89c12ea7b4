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
/// Problems are reported by <see cref="Diagnostics.AsyncSyscallAnalyzer"/>, so they can be suppressed.
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
            if (file.Text.Length > 0)
            {
                output.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>The work behind each step, kept out of the pipeline so the pipeline stays readable.</summary>
    private static class Execute
    {
        public static AsyncMethodModel? GetModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
            {
                return null;
            }

            try
            {
                // No diagnostics here: the analyzer reports them; an invalid wrapper is simply skipped.
                return WrapperInspector.Inspect(method, syntax, context.Attributes[0], new ProblemSink(null), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The generator never throws into the compiler: an input it cannot handle produces nothing.
                return null;
            }
        }

        public static GeneratedFile Emit(AsyncMethodModel model)
        {
            try
            {
                return new GeneratedFile(model.HintName, AsyncMethodEmitter.Emit(model));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new GeneratedFile(model.HintName, "");
            }
        }
    }
}

/// <summary>One generated file: its hint name and text.</summary>
/// <param name="HintName">The stable file name.</param>
/// <param name="Text">The C# source; empty when emission failed.</param>
internal sealed record GeneratedFile(string HintName, string Text);
