using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The runtime's own LibraryImport source generator, from the SDK's targeting pack, so the end-to-end assemblies
/// get real bodies for <c>[LibraryImport]</c> partials as a consumer's build would. Null when the pack is not
/// found or the generator does not load into this Roslyn version; the runs then leave those wrappers out.
/// </summary>
internal static class LibraryImportGeneratorLoader
{
    private static readonly Lazy<(ISourceGenerator? Generator, string Why)> Loaded = new(Load);

    public static ISourceGenerator? Generator => Loaded.Value.Generator;

    public static string Why => Loaded.Value.Why;

    private static (ISourceGenerator?, string) Load()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ -> .../dotnet/packs/Microsoft.NETCore.App.Ref/<version>/analyzers/dotnet/cs/
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string version = Path.GetFileName(runtime);
        string? directory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => Path.GetFileName(d) == version).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        string? path = directory is null ? null : Path.Combine(directory, "analyzers", "dotnet", "cs", "Microsoft.Interop.LibraryImportGenerator.dll");
        if (path is null || !File.Exists(path))
        {
            return (null, "no Microsoft.Interop.LibraryImportGenerator.dll under " + packs);
        }

        string? failure = null;
        var reference = new AnalyzerFileReference(path, new Loader());
        reference.AnalyzerLoadFailed += (_, e) => failure = e.Message;
        ISourceGenerator? generator = reference.GetGenerators(LanguageNames.CSharp).FirstOrDefault();
        return (generator, generator is null ? "LibraryImportGenerator did not load: " + failure : path);
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
