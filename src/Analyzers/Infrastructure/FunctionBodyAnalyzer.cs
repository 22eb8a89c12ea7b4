using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Analyzers;

/// <summary>
/// The common shape of the rules that look at one function body at a time (a method, lambda or local function):
/// concurrent, generated code skipped, the AsyncSys types resolved once per compilation, one shared operation walk
/// per body.
/// </summary>
public abstract class FunctionBodyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            AsyncSysApi api = AsyncSysApi.Create(start.Compilation);
            if (!AppliesTo(api))
            {
                return;
            }

            start.RegisterOperationBlockAction(block =>
            {
                ImmutableArray<FunctionBody> bodies = FunctionBody.FromBlocks(block.OperationBlocks, block.OwningSymbol);
                if (!ShouldAnalyze(bodies))
                {
                    return;
                }

                foreach (FunctionBody body in bodies)
                {
                    AnalyzeBody(block, api, body);
                }
            });
        });
    }

    /// <summary>Whether the rule can fire in this compilation at all (default: it references AsyncSys).</summary>
    private protected virtual bool AppliesTo(AsyncSysApi api) => api.HasAsyncSys;

    /// <summary>A cheap pre-filter on a block's bodies before any of them is analyzed.</summary>
    private protected virtual bool ShouldAnalyze(ImmutableArray<FunctionBody> bodies) => true;

    /// <summary>Reports the rule's diagnostics for one body.</summary>
    private protected abstract void AnalyzeBody(OperationBlockAnalysisContext context, AsyncSysApi api, FunctionBody body);
}
