using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Analyzers;

/// <summary>
/// The common shape of the rules that look at function bodies (methods, accessors, initializers, and the lambdas
/// and local functions in them): concurrent, generated code skipped, the AsyncSys types resolved once per
/// compilation, and code handed to a rule only when its tokens mention what the rule looks for.
/// </summary>
/// <remarks>
/// The rules run once per syntax tree (a semantic model action), not once per method: an operation block or
/// syntax node action makes the analyzer driver bind every method and build its operation tree, which costs more
/// than the compiler's own work on the method (bench/AsyncSys.CompilerBench, <c>--profile --probes</c>). Here a
/// method costs a scan of its tokens (<see cref="CodeIndex"/>, shared by all rules); the semantic model is asked
/// only about the roots a rule picks, and the operation tree and control flow graph only where a rule needs them.
/// </remarks>
public abstract class FunctionBodyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Generated files are not analyzed. Reports land where the analysis ran (a hand-written file), so the driver
        // need not check each one for generated code: that check costs it a pass over the tree's declarations.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            AsyncSysApi api = AsyncSysApi.Create(start.Compilation);
            if (!AppliesTo(api))
            {
                return;
            }

            // The token index needs no binding: build it while the compiler binds, off the rules' path.
            start.RegisterSyntaxTreeAction(tree => api.PrepareIndex(tree.Tree));
            start.RegisterSemanticModelAction(model =>
            {
                foreach (CodeRoot root in api.Index(model.SemanticModel.SyntaxTree).Roots)
                {
                    model.CancellationToken.ThrowIfCancellationRequested();
                    if (IsCandidate(root) && (model.FilterSpan is not { } span || root.Syntax.FullSpan.IntersectsWith(span)))
                    {
                        AnalyzeRoot(new CodeRootContext(model, root), api);
                    }
                }
            });
        });
    }

    /// <summary>Whether the rule can fire in this compilation at all (default: it references AsyncSys).</summary>
    private protected virtual bool AppliesTo(AsyncSysApi api) => api.HasAsyncSys;

    /// <summary>The pre-filter: whether the root's tokens mention what the rule looks for.</summary>
    private protected abstract bool IsCandidate(CodeRoot root);

    /// <summary>Reports the rule's diagnostics for one root (default: each body in it).</summary>
    private protected virtual void AnalyzeRoot(CodeRootContext context, AsyncSysApi api)
    {
        foreach (FunctionBody body in context.Bodies)
        {
            AnalyzeBody(context, api, body);
        }
    }

    /// <summary>Reports the rule's diagnostics for one body of a root the rule picked.</summary>
    private protected virtual void AnalyzeBody(CodeRootContext context, AsyncSysApi api, FunctionBody body)
    {
    }
}
