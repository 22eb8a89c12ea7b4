namespace AsyncSys.Generator;

/// <summary>
/// The tracking names of the generator's incremental steps, so tests can assert that each step is cached
/// when nothing relevant changed.
/// </summary>
public static class StepNames
{
    /// <summary>Every method carrying <c>[AsyncSyscall]</c>, with its model, or the problems that refuse it.</summary>
    public const string AttributedMethods = nameof(AttributedMethods);

    /// <summary>The models of the valid wrappers only.</summary>
    public const string ValidWrappers = nameof(ValidWrappers);

    /// <summary>The generated source text, one file per wrapper.</summary>
    public const string GeneratedSources = nameof(GeneratedSources);

    /// <summary>Whether the build skips analyzers (RunAnalyzers / RunAnalyzersDuringBuild = false).</summary>
    public const string AnalyzersSkipped = nameof(AnalyzersSkipped);

    /// <summary>The refusals and inspection failures the generator reports itself, because no analyzer will.</summary>
    public const string UnreportedProblems = nameof(UnreportedProblems);
}
