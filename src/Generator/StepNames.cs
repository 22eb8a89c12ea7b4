namespace AsyncSys.Generator;

/// <summary>
/// The tracking names of the generator's incremental steps, so tests can assert that each step is cached
/// when nothing relevant changed.
/// </summary>
public static class StepNames
{
    /// <summary>Every method carrying <c>[AsyncSyscall]</c>, with its model or <see langword="null"/> when it is invalid.</summary>
    public const string AttributedMethods = nameof(AttributedMethods);

    /// <summary>The models of the valid wrappers only.</summary>
    public const string ValidWrappers = nameof(ValidWrappers);

    /// <summary>The generated source text, one file per wrapper.</summary>
    public const string GeneratedSources = nameof(GeneratedSources);
}
