using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>Compilations of test sources against the running framework and the real AsyncSys runtime.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithAllowUnsafe(true)
        .WithNullableContextOptions(NullableContextOptions.Enable);

    /// <summary>The framework's assemblies plus AsyncSys.Runtime, loaded once for every test.</summary>
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static CSharpCompilation Create(string source) =>
        CSharpCompilation.Create(
            "TestAssembly",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Test.cs") },
            References,
            Options);

    /// <summary>One compilation of several files, each parsed with its path (the parts of a partial type, say).</summary>
    public static CSharpCompilation Create(IEnumerable<(string Path, string Source)> files) =>
        CSharpCompilation.Create(
            "TestAssembly",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, path: f.Path)),
            References,
            Options);

    /// <summary>Fails with every compiler error listed, so a test source that does not compile is never mistaken for a silent rule.</summary>
    public static void AssertCompiles(Compilation compilation, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, what + " does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        var paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"))
            .ToList();
        var references = new List<MetadataReference>(paths.Select(p => MetadataReference.CreateFromFile(p)))
        {
            MetadataReference.CreateFromFile(typeof(AsyncSys.ErrnoException).Assembly.Location),
        };
        return references.ToImmutableArray();
    }
}
