using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator;

/// <summary>
/// Whether the compilation the generator runs in also runs the analyzers, read from the MSBuild properties the
/// package makes visible to the compiler (buildTransitive/AsyncSys.targets). When they are skipped, nobody else
/// would say why a wrapper got no variant, so the generator reports its refusals itself.
/// </summary>
internal static class AnalyzersInBuild
{
    /// <summary>
    /// The SDK's own rule (Microsoft.Managed.Core.targets, _ComputeSkipAnalyzers): RunAnalyzers=false skips them;
    /// RunAnalyzers unset and RunAnalyzersDuringBuild=false skips them in a build. In the IDE's design-time build,
    /// RunAnalyzersDuringLiveAnalysis decides instead: the IDE still analyzes live when only builds skip it.
    /// A build Visual Studio starts for Run Tests or Start Debugging may skip analyzers on its own (IsImplicitlyTriggeredBuild);
    /// it is not counted here: the IDE's live analysis shows the same diagnostics there.
    /// </summary>
    public static bool AreSkipped(AnalyzerConfigOptions globalOptions)
    {
        string runAnalyzers = Property(globalOptions, "RunAnalyzers");
        if (runAnalyzers.Length > 0)
        {
            return IsFalse(runAnalyzers);
        }

        bool designTime = string.Equals(Property(globalOptions, "DesignTimeBuild"), "true", StringComparison.OrdinalIgnoreCase);
        return IsFalse(Property(globalOptions, designTime ? "RunAnalyzersDuringLiveAnalysis" : "RunAnalyzersDuringBuild"));
    }

    private static string Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out string? value) ? value.Trim() : "";

    // MSBuild compares property values ignoring case: 'False' turns analyzers off as 'false' does.
    private static bool IsFalse(string value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
