using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// A diagnostic about one wrapper kept as data (the pipeline compares it across edits), until the generator
/// reports it in a build that runs no analyzers.
/// </summary>
/// <param name="Descriptor">Which diagnostic (a static descriptor: it holds nothing of the compilation).</param>
/// <param name="Where">Where to report it.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record WrapperProblem(DiagnosticDescriptor Descriptor, SourceSpot? Where, EquatableArray<string> Arguments)
{
    /// <summary>
    /// The diagnostic at its place in <paramref name="compilation"/>'s own syntax tree, as the analyzer reports it,
    /// so <c>#pragma</c> and per-file <c>.editorconfig</c> settings apply to it the same way.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        object[] arguments = new object[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Where?.ToLocation(compilation), arguments);
    }
}
