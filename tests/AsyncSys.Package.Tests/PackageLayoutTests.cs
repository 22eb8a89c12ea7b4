using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>What is inside the packed .nupkg and .snupkg, file by file.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private static readonly string[] Frameworks = { "net8.0", "net10.0" };
    private static readonly string[] GeneratorAndAnalyzers = { "AsyncSys.Generator.dll", "AsyncSys.Analyzers.dll" };
    private const string CodeFixes = "AsyncSys.Analyzers.CodeFixes.dll";

    // Kinds of custom debug information in a portable PDB (System.Reflection.Metadata's PortablePdb spec).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private readonly PackageFixture _package;

    public PackageLayoutTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_holds_the_runtime_per_framework_the_roslyn_components_per_roslyn_version_and_the_build_check()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        string[] assets = zip.Entries.Select(e => e.FullName)
            .Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n.StartsWith("analyzers/", StringComparison.Ordinal) || n.StartsWith("build", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        string[] expected = Frameworks.SelectMany(f => new[] { $"lib/{f}/AsyncSys.Runtime.dll", $"lib/{f}/AsyncSys.Runtime.xml" })
            .Concat(GeneratorAndAnalyzers.Select(c => "analyzers/dotnet/roslyn4.8/cs/" + c))
            .Concat(GeneratorAndAnalyzers.Append(CodeFixes).Select(c => "analyzers/dotnet/roslyn4.14/cs/" + c))
            .Concat(new[] { "build/AsyncSys.targets", "buildTransitive/AsyncSys.targets" })
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, assets);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "CHANGELOG.md");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_roslyn_component_sits_in_a_folder_no_older_than_the_roslyn_it_references()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        var checkedComponents = new List<string>();
        foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/roslyn", StringComparison.Ordinal)))
        {
            Version folder = Version.Parse(Regex.Match(entry.FullName, @"roslyn(?<v>\d+\.\d+)/").Groups["v"].Value);
            using var pe = new PEReader(new MemoryStream(ReadAll(entry)));
            MetadataReader metadata = pe.GetMetadataReader();
            Version[] roslyn = metadata.AssemblyReferences.Select(metadata.GetAssemblyReference)
                .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .Select(r => new Version(r.Version.Major, r.Version.Minor))
                .ToArray();
            Assert.NotEmpty(roslyn);
            Assert.True(roslyn.Max() <= folder, $"{entry.FullName} references Roslyn {roslyn.Max()}, newer than its folder: a {folder} compiler would fail to load it");
            checkedComponents.Add(entry.FullName);
        }

        // The code fixes reference Workspaces 4.14: they must be (only) in the 4.14 folder.
        Assert.Equal(5, checkedComponents.Count);
        Assert.Single(checkedComponents, c => c.EndsWith(CodeFixes, StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_has_id_license_readme_icon_release_notes_repository_commit_and_no_dependencies()
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

        XElement? repository = metadata.Element(ns + "repository");
        Assert.Equal("https://github.com/asyncsys/asyncsys", repository?.Attribute("url")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository?.Attribute("commit")?.Value ?? "");

        // The icon: a real PNG, square, at least 64 pixels.
        Assert.Equal("icon.png", metadata.Element(ns + "icon")?.Value);
        byte[] png = ReadAll(zip.GetEntry("icon.png") ?? throw new InvalidDataException("icon.png is not in the package"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.True(width == height && width >= 64, $"icon is {width}x{height}");

        // Release notes: this version's section of CHANGELOG.md, word for word.
        string changelog = File.ReadAllText(Path.Combine(Repository.Root, "CHANGELOG.md")).ReplaceLineEndings("\n");
        string section = Regex.Match(changelog, $@"(?ms)^## {Regex.Escape(_package.Version)}\b.*?(?=^## |\z)").Value.Trim();
        Assert.NotEqual("", section);
        Assert.Equal(section, metadata.Element(ns + "releaseNotes")?.Value.ReplaceLineEndings("\n"));

        // One empty group per framework: no package (Roslyn least of all) flows to a consumer.
        XElement[] groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToArray() ?? Array.Empty<XElement>();
        Assert.Equal(Frameworks.Order(), groups.Select(g => g.Attribute("targetFramework")?.Value ?? "").Order());
        Assert.All(groups, g => Assert.Empty(g.Elements()));
    }

    [Fact]
    public void Runtime_is_declared_linux_only()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        foreach (string framework in Frameworks)
        {
            using var pe = new PEReader(new MemoryStream(ReadAll(zip.GetEntry($"lib/{framework}/AsyncSys.Runtime.dll")!)));
            MetadataReader metadata = pe.GetMetadataReader();
            string[] platforms = metadata.GetAssemblyDefinition().GetCustomAttributes().Select(metadata.GetCustomAttribute)
                .Where(a => AttributeTypeName(metadata, a) == "System.Runtime.Versioning.SupportedOSPlatformAttribute")
                .Select(a => (string)a.DecodeValue(new StringOnlyAttributeDecoder()).FixedArguments[0].Value!)
                .ToArray();
            Assert.Equal(new[] { "linux" }, platforms);
        }
    }

    [Fact]
    public void Symbols_package_holds_the_runtime_pdb_per_framework()
    {
        Assert.True(File.Exists(_package.SymbolsPath), "no .snupkg next to " + _package.PackagePath);
        using ZipArchive zip = ZipFile.OpenRead(_package.SymbolsPath);
        string[] pdbs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Frameworks.Select(f => $"lib/{f}/AsyncSys.Runtime.pdb").Order(StringComparer.Ordinal), pdbs);
    }

    [Fact]
    public void Runtime_pdbs_map_every_source_to_the_commit_on_github_through_sourcelink_or_embed_it()
    {
        bool ciBuild = typeof(PackageLayoutTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AsyncSys.ContinuousIntegrationBuild").Value == "true";
        using ZipArchive zip = ZipFile.OpenRead(_package.SymbolsPath);
        foreach (string framework in Frameworks)
        {
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadAll(zip.GetEntry($"lib/{framework}/AsyncSys.Runtime.pdb")!)));
            MetadataReader pdb = provider.GetMetadataReader();

            string sourceLink = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation)
                .Where(c => pdb.GetGuid(c.Kind) == SourceLinkKind)
                .Select(c => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
                .SingleOrDefault() ?? throw new InvalidDataException($"{framework}: the runtime PDB has no SourceLink map");
            using JsonDocument map = JsonDocument.Parse(sourceLink);
            (string Prefix, string Url)[] mappings = map.RootElement.GetProperty("documents").EnumerateObject()
                .Select(p => (p.Name.TrimEnd('*'), p.Value.GetString()!))
                .ToArray();
            Assert.NotEmpty(mappings);
            Assert.All(mappings, m => Assert.Matches("^https://raw.githubusercontent.com/asyncsys/asyncsys/[0-9a-f]{40}/\\*$", m.Url));

            var embedded = pdb.CustomDebugInformation.Select(pdb.GetCustomDebugInformation)
                .Where(c => pdb.GetGuid(c.Kind) == EmbeddedSourceKind)
                .Select(c => (DocumentHandle)c.Parent)
                .ToHashSet();
            string[] documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToArray();
            Assert.Contains(documents, d => d.EndsWith("/src/Runtime/IoRing.cs", StringComparison.Ordinal));
            foreach (DocumentHandle handle in pdb.Documents)
            {
                string name = pdb.GetString(pdb.GetDocument(handle).Name);
                Assert.True(embedded.Contains(handle) || mappings.Any(m => name.StartsWith(m.Prefix, StringComparison.Ordinal)), $"{framework}: {name} is neither embedded nor mapped by SourceLink ({sourceLink})");
                if (ciBuild)
                {
                    Assert.True(name.StartsWith("/_/", StringComparison.Ordinal), $"{framework}: a CI build keeps the build machine's path {name}");
                }
            }
        }
    }

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return type.Kind == HandleKind.TypeReference
            ? metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Namespace) + "." + metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name)
            : metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace) + "." + metadata.GetString(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        XDocument document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>Decodes attribute arguments where only strings occur (SupportedOSPlatform's one argument).</summary>
    private sealed class StringOnlyAttributeDecoder : ICustomAttributeTypeProvider<Type>
    {
        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? typeof(string) : throw new NotSupportedException(typeCode.ToString());

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => throw new NotSupportedException();

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => throw new NotSupportedException();

        public Type GetTypeFromSerializedName(string name) => throw new NotSupportedException(name);

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => throw new NotSupportedException();

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
