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
/// inspection. A build that runs no analyzers (RunAnalyzers=false, RunAnalyzersDuringBuild=false) would then say
/// nothing, so there the generator reports the refusals and that ASYS0000 itself: each is reported exactly once,
/// by one or the other. A failure while writing the source, which only the generator does, is reported here as ASYS0000.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AsyncSyscallGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<InspectedWrapper> attributedMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WrapperInspector.AttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                transform: static (context, cancellationToken) => Execute.Inspect(context, cancellationToken))
            .WithTrackingName(StepNames.AttributedMethods);

        IncrementalValuesProvider<AsyncMethodModel> validWrappers = attributedMethods
            .Where(static wrapper => wrapper.Model is not null)
            .Select(static (wrapper, _) => wrapper.Model!)
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

        // The refusals are the analyzer's to report; only in a build without analyzers does the generator say them.
        IncrementalValueProvider<bool> analyzersSkipped = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => AnalyzersInBuild.AreSkipped(options.GlobalOptions))
            .WithTrackingName(StepNames.AnalyzersSkipped);

        IncrementalValuesProvider<WrapperProblem> unreported = attributedMethods
            .Where(static wrapper => wrapper.Problems.Count > 0)
            .Combine(analyzersSkipped)
            .Where(static pair => pair.Right)
            .SelectMany(static (pair, _) => pair.Left.Problems)
            .WithTrackingName(StepNames.UnreportedProblems);

        // The compilation only places each diagnostic in its syntax tree (so #pragma applies as it does to the
        // analyzer's); with no problem to report, this last step has nothing to run for.
        context.RegisterSourceOutput(
            unreported.Combine(context.CompilationProvider),
            static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
    }

    /// <summary>The work behind each step, kept out of the pipeline so the pipeline stays readable.</summary>
    private static class Execute
    {
        /// <summary>
        /// The model of a valid wrapper, or the problems that refuse it (and an inspection failure, ASYS0000) as data:
        /// the analyzer reports them from its own run of this inspection, the generator only in a build without analyzers.
        /// </summary>
        public static InspectedWrapper Inspect(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetNode is LocalFunctionStatementSyntax local && context.Attributes.Length > 0)
            {
                // Nothing can be generated for it; without analyzers the generator must still say so.
                var refusal = new ProblemSink(collect: true);
                WrapperInspector.ReportLocalFunction(local.Identifier.ValueText, local.Identifier.GetLocation(), refusal);
                return new InspectedWrapper(null, refusal.Refusals());
            }

            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
            {
                return InspectedWrapper.Nothing;
            }

            try
            {
                // The same collecting sink and path as the analyzer's, so both find the same problems (or fail the same way).
                var problems = new ProblemSink(collect: true);
                AsyncMethodModel? model = WrapperInspector.Inspect(method, syntax, context.Attributes[0], context.SemanticModel, problems, cancellationToken);
                return new InspectedWrapper(model, model is null ? problems.Refusals() : EquatableArray<WrapperProblem>.Empty);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never thrown into the compiler, never dropped: one ASYS0000, from the analyzer's identical inspection
                // (NeverSilentTests) or, in a build without analyzers, from here.
                InternalFailure failure = InternalFailure.From(method.Name, syntax.Identifier.GetLocation(), exception);
                return new InspectedWrapper(null, new EquatableArray<WrapperProblem>(new[] { failure.AsProblem() }));
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

/// <summary>One attributed method after inspection: the model of a valid wrapper, or what refuses it.</summary>
/// <param name="Model">The model, or <see langword="null"/> when the wrapper is refused (or half-typed: the compiler reports that).</param>
/// <param name="Problems">The refusals and any ASYS0000, as data: reported by the generator only when analyzers are skipped.</param>
internal sealed record InspectedWrapper(AsyncMethodModel? Model, EquatableArray<WrapperProblem> Problems)
{
    /// <summary>Not a method the generator can look at: nothing to generate, nothing to say.</summary>
    public static InspectedWrapper Nothing { get; } = new(null, EquatableArray<WrapperProblem>.Empty);
}

/// <summary>One generated file: its hint name and text, or the failure that stopped it.</summary>
/// <param name="HintName">The stable file name.</param>
/// <param name="Text">The C# source.</param>
/// <param name="Failure">Set when generation failed: reported as ASYS0000 instead of a file.</param>
internal sealed record GeneratedFile(string HintName, string Text, InternalFailure? Failure);
