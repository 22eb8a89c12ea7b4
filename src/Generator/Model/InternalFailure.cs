using System;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncSys.Generator.Model;

/// <summary>
/// An exception the generator hit on one wrapper, kept as data (the pipeline compares models across edits)
/// until it is reported as ASYS0000.
/// </summary>
/// <param name="Wrapper">The wrapper's name.</param>
/// <param name="Description">"&lt;exception type&gt;: &lt;message&gt; at &lt;first frame&gt;".</param>
/// <param name="Where">Where to report it.</param>
internal sealed record InternalFailure(string Wrapper, string Description, SourceSpot? Where)
{
    public static InternalFailure From(string wrapper, Location? location, Exception exception) =>
        new(wrapper, Describe(exception), SourceSpot.From(location));

    public static InternalFailure From(string wrapper, SourceSpot? where, Exception exception) =>
        new(wrapper, Describe(exception), where);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.InternalError, Where?.ToLocation(), Wrapper, Description);

    /// <summary>The same ASYS0000 as a problem with the wrapper, for the generator to report when no analyzer will.</summary>
    public WrapperProblem AsProblem() =>
        new(DiagnosticDescriptors.InternalError, Where, new EquatableArray<string>(new[] { Wrapper, Description }));

    /// <summary>The exception's type, message and first stack frame: enough to file a bug.</summary>
    public static string Describe(Exception exception)
    {
        string frame = "";
        string? trace = exception.StackTrace;
        if (trace is not null)
        {
            string first = trace.Split('\n')[0].Trim();
            frame = first.StartsWith("at ", StringComparison.Ordinal) ? " " + first : " at " + first;
        }

        return exception.GetType().FullName + ": " + exception.Message + frame;
    }
}

/// <summary>A source location as plain data.</summary>
/// <param name="Path">The file.</param>
/// <param name="Span">The text span.</param>
/// <param name="Lines">The line span.</param>
internal sealed record SourceSpot(string Path, TextSpan Span, LinePositionSpan Lines)
{
    public static SourceSpot? From(Location? location) =>
        location is { IsInSource: true } ? new SourceSpot(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span) : null;

    public Location ToLocation() => Location.Create(Path, Span, Lines);

    /// <summary>
    /// The location in <paramref name="compilation"/>'s syntax tree of that file, where <c>#pragma</c> and the file's
    /// <c>.editorconfig</c> settings apply; the plain file location when the compilation has no such tree.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == Path && Span.End <= tree.Length)
            {
                return Location.Create(tree, Span);
            }
        }

        return ToLocation();
    }
}
