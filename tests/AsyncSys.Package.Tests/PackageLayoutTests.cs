using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>What is inside the packed .nupkg and .snupkg, file by file.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private static readonly string[] Frameworks = { "net8.0", "net10.0" };
    private static readonly string[] RoslynComponents = { "AsyncSys.Generator.dll", "AsyncSys.Analyzers.dll", "AsyncSys.Analyzers.CodeFixes.dll" };

    private readonly PackageFixture _package;

    public PackageLayoutTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_holds_the_runtime_per_framework_and_the_roslyn_components_under_analyzers_only()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        string[] assets = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        string[] expected = Frameworks.SelectMany(f => new[] { $"lib/{f}/AsyncSys.Runtime.dll", $"lib/{f}/AsyncSys.Runtime.xml" })
            .Concat(RoslynComponents.Select(c => "analyzers/dotnet/roslyn4.8/cs/" + c))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, assets);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_has_id_license_readme_repository_and_no_dependencies()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        XElement metadata = Nuspec(zip);
        XNamespace ns = metadata.Name.Namespace;

        Assert.Equal("AsyncSys", metadata.Element(ns + "id")?.Value);
        XElement? license = metadata.Element(ns + "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("io_uring", metadata.Element(ns + "tags")?.Value ?? "", StringComparison.Ordinal);
        Assert.StartsWith("https://github.com/", metadata.Element(ns + "repository")?.Attribute("url")?.Value ?? "", StringComparison.Ordinal);

        // One empty group per framework: no package (Roslyn least of all) flows to a consumer.
        XElement[] groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToArray() ?? Array.Empty<XElement>();
        Assert.Equal(Frameworks.OrderBy(f => f), groups.Select(g => g.Attribute("targetFramework")?.Value ?? "").OrderBy(f => f));
        Assert.All(groups, g => Assert.Empty(g.Elements()));
    }

    [Fact]
    public void Symbols_package_holds_the_runtime_pdb_per_framework()
    {
        Assert.True(File.Exists(_package.SymbolsPath), "no .snupkg next to " + _package.PackagePath);
        using ZipArchive zip = ZipFile.OpenRead(_package.SymbolsPath);
        string[] pdbs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(Frameworks.Select(f => $"lib/{f}/AsyncSys.Runtime.pdb").OrderBy(n => n, StringComparer.Ordinal), pdbs);
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        XDocument document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
