using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Where validation reports what is wrong with a wrapper. The analyzer collects diagnostics; the generator
/// passes a sink without a list, only learns that something is wrong, and skips the wrapper.
/// </summary>
internal sealed class ProblemSink
{
    private readonly List<Diagnostic>? _diagnostics;

    public ProblemSink(List<Diagnostic>? diagnostics)
    {
        _diagnostics = diagnostics;
    }

    /// <summary>Whether anything was reported, including problems that stop generation quietly (half-typed code).</summary>
    public bool HasProblems { get; private set; }

    /// <summary>Whether the caller wants every problem (the analyzer) rather than a yes/no (the generator).</summary>
    public bool WantsAll => _diagnostics is not null;

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasProblems = true;
        }

        _diagnostics?.Add(Diagnostic.Create(descriptor, location, arguments));
    }

    /// <summary>Marks the wrapper invalid without a diagnostic: the compiler already reports the real error.</summary>
    public void Skip() => HasProblems = true;
}
