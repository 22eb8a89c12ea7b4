using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Where validation reports what is wrong with a wrapper. A collecting sink keeps every problem: the analyzer
/// reports them as diagnostics, the generator keeps the refusals as data for a build that runs no analyzers.
/// A sink that does not collect only learns that something is wrong.
/// </summary>
internal sealed class ProblemSink
{
    private readonly List<Problem>? _problems;

    public ProblemSink(bool collect)
    {
        _problems = collect ? new List<Problem>() : null;
    }

    /// <summary>Whether anything was reported, including problems that stop generation quietly (half-typed code).</summary>
    public bool HasProblems { get; private set; }

    /// <summary>Whether the caller wants every problem (a collecting sink) rather than a yes/no.</summary>
    public bool WantsAll => _problems is not null;

    public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasProblems = true;
        }

        _problems?.Add(new Problem(descriptor, location, arguments));
    }

    /// <summary>Marks the wrapper invalid without a diagnostic: the compiler already reports the real error.</summary>
    public void Skip() => HasProblems = true;

    /// <summary>Every problem collected, as diagnostics at their source locations (the analyzer's report).</summary>
    public List<Diagnostic> Diagnostics()
    {
        var diagnostics = new List<Diagnostic>();
        foreach (Problem problem in _problems ?? new List<Problem>())
        {
            diagnostics.Add(Diagnostic.Create(problem.Descriptor, problem.Location, problem.Arguments));
        }

        return diagnostics;
    }

    /// <summary>
    /// The problems that refuse the wrapper (errors: no variant is generated), as plain data. Warnings are left
    /// out: the wrapper still gets its variant, so nothing goes missing without a word.
    /// </summary>
    public EquatableArray<WrapperProblem> Refusals()
    {
        var refusals = new List<WrapperProblem>();
        foreach (Problem problem in _problems ?? new List<Problem>())
        {
            if (problem.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                refusals.Add(new WrapperProblem(problem.Descriptor, SourceSpot.From(problem.Location), new EquatableArray<string>(problem.Arguments)));
            }
        }

        return EquatableArray.From(refusals);
    }

    private readonly struct Problem
    {
        public Problem(DiagnosticDescriptor descriptor, Location? location, string[] arguments)
        {
            Descriptor = descriptor;
            Location = location;
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public Location? Location { get; }

        public string[] Arguments { get; }
    }
}
