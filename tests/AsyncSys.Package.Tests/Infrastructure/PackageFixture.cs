using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace AsyncSys.Package.Tests.Infrastructure;

/// <summary>
/// Packs src/Package once per test run into a temporary folder feed, and makes consumer projects that restore
/// from that feed (and nuget.org for anything else) into a packages folder of their own, so no package a
/// developer has cached can stand in for the one just packed.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    internal static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(150);

    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "asyncsys-package-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
    }

    /// <summary>The temporary folder holding the feed, the packages folder and the consumers.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    /// <summary>The packed AsyncSys.&lt;version&gt;.nupkg.</summary>
    public string PackagePath { get; private set; } = "";

    /// <summary>The symbols package next to it.</summary>
    public string SymbolsPath => Path.ChangeExtension(PackagePath, ".snupkg");

    public string Version { get; private set; } = "";

    /// <summary>Environment for every child dotnet: restores go to the fresh packages folder.</summary>
    internal IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Packages };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);

        // Stops MSBuild's search for Directory.Build.props/targets here: the consumers see none of the repository's settings.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");

        string configuration = typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AsyncSys.Configuration").Value!;
        string project = Path.Combine(Repository.Root, "src", "Package", "AsyncSys.Package.csproj");

        // --no-build: this test project's reference to src/Package has built it, in this configuration.
        (await Cli.DotnetAsync(Root, StepTimeout, Environment, "pack", project, "-c", configuration, "--no-build", "-o", Feed, "-nologo", "-tl:off"))
            .EnsureSuccess();

        PackagePath = Directory.GetFiles(Feed, "AsyncSys.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(PackagePath)["AsyncSys.".Length..];
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run over.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>dotnet new console</c> in a new folder, with a nuget.config of its own, a reference to AsyncSys only,
    /// the given MSBuild properties, and the sources from Consumers/<paramref name="sources"/> in place of Program.cs.
    /// </summary>
    internal async Task<Consumer> CreateConsumerAsync(string sources, IReadOnlyDictionary<string, string> properties, string? name = null)
    {
        name ??= sources;
        string directory = Path.Combine(Root, name);
        (await Cli.DotnetAsync(Root, StepTimeout, Environment, "new", "console", "--no-restore", "-n", name, "-o", directory)).EnsureSuccess();

        File.Delete(Path.Combine(directory, "Program.cs"));
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumers", sources)))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig());
        string projectFile = Path.Combine(directory, name + ".csproj");
        string propertyXml = string.Concat(properties.Select(p => $"    <{p.Key}>{p.Value}</{p.Key}>\n"));
        string csproj = File.ReadAllText(projectFile).Replace(
            "</PropertyGroup>",
            propertyXml + "  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"AsyncSys\" Version=\"" + Version + "\" />\n  </ItemGroup>",
            StringComparison.Ordinal);
        File.WriteAllText(projectFile, csproj);
        return new Consumer(this, directory, projectFile, name);
    }

    /// <summary>
    /// A consumer made of exactly <paramref name="files"/> (name to content; one of them the .csproj), in a new folder,
    /// with nothing added: the files must bring their own nuget.config.
    /// </summary>
    internal Consumer CreateConsumerFromFiles(string name, IReadOnlyDictionary<string, string> files)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach ((string file, string content) in files)
        {
            File.WriteAllText(Path.Combine(directory, file), content);
        }

        string projectFile = Assert.Single(files.Keys, f => f.EndsWith(".csproj", StringComparison.Ordinal));
        return new Consumer(this, directory, Path.Combine(directory, projectFile), Path.GetFileNameWithoutExtension(projectFile));
    }

    // The local feed first and only for AsyncSys (source mapping), so a package of that name elsewhere can never win.
    private string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="asyncsys-local" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="asyncsys-local">
              <package pattern="AsyncSys" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
          <config>
            <add key="globalPackagesFolder" value="{Packages}" />
          </config>
        </configuration>
        """;
}

/// <summary>One test collection shares the packed package; its tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "AsyncSys package";
}
