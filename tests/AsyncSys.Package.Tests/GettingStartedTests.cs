using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// docs/getting-started.md, followed literally: its files (blocks marked file=...) become a fresh project that
/// restores the packed package through the page's own nuget.config and local feed, builds with warnings as errors,
/// and prints exactly the page's output block, on the backend the kernel gives and on workers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class GettingStartedTests
{
    private static readonly string Page = Path.Combine(Repository.Root, "docs", "getting-started.md");

    private readonly PackageFixture _package;

    public GettingStartedTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task Getting_started_page_builds_from_its_own_files_and_prints_its_output_block_on_the_kernel_and_on_workers()
    {
        IReadOnlyList<MarkdownCodeBlocks.Block> blocks = MarkdownCodeBlocks.Read(Page);
        Dictionary<string, string> files = blocks.Where(b => b.Attributes.ContainsKey("file")).ToDictionary(b => b.Attributes["file"], b => b.Content);
        Assert.Equal(new[] { "Hello.csproj", "Libc.cs", "Program.cs", "RingCopy.cs", "nuget.config" }, files.Keys.Order(StringComparer.Ordinal));

        // Step 1 of the page packs this repository's src/Package into Hello/local-feed; the fixture packed the same project.
        string commands = string.Concat(blocks.Where(b => b.Language == "bash").Select(b => b.Content));
        Assert.Contains("dotnet pack asyncsys/src/Package -c Release -o Hello/local-feed -p:ContinuousIntegrationBuild=true", commands, StringComparison.Ordinal);
        Assert.Contains("local-feed", files["nuget.config"], StringComparison.Ordinal);
        string pageVersion = XDocument.Parse(files["Hello.csproj"]).Descendants("PackageReference").Single(r => (string?)r.Attribute("Include") == "AsyncSys").Attribute("Version")!.Value;
        Assert.True(pageVersion == _package.Version, $"getting-started.md references AsyncSys {pageVersion}, the repository packs {_package.Version}: update the page (and its text).");
        Assert.Contains($"AsyncSys.{_package.Version}.nupkg", File.ReadAllText(Page), StringComparison.Ordinal);

        Consumer hello = _package.CreateConsumerFromFiles("Hello", files);
        string feed = Path.Combine(hello.Directory, "local-feed");
        Directory.CreateDirectory(feed);
        File.Copy(_package.PackagePath, Path.Combine(feed, Path.GetFileName(_package.PackagePath)));

        (await hello.BuildAsync("-p:TreatWarningsAsErrors=true")).EnsureSuccess();

        string[] expected = Lines(blocks.Single(b => b.Language == "text" && b.Attributes.ContainsKey("output")).Content);
        Cli.Result onKernel = (await hello.DotnetWithEnvironmentAsync(new Dictionary<string, string>(), "run", "-c", "Release", "--no-build")).EnsureSuccess();
        AssertOutput(expected, onKernel, backend: null);

        Cli.Result onWorkers = (await hello.DotnetWithEnvironmentAsync(new Dictionary<string, string> { ["ASYNCSYS_BACKEND"] = "workers" }, "run", "-c", "Release", "--no-build")).EnsureSuccess();
        AssertOutput(expected, onWorkers, backend: "Workers");
    }

    /// <summary>Every line of the page's output, in order; the backend line names whichever backend ran (or <paramref name="backend"/>).</summary>
    private static void AssertOutput(string[] expected, Cli.Result run, string? backend)
    {
        string[] actual = Lines(run.Output);
        Assert.True(expected.Length == actual.Length, $"expected {expected.Length} lines as on the page:\n{string.Join('\n', expected)}\n" + run.Describe());
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i].StartsWith("backend: ", StringComparison.Ordinal))
            {
                Assert.Matches(backend is null ? "^backend: (IoUring|LinuxAio|Workers)$" : "^backend: " + Regex.Escape(backend) + "$", actual[i]);
            }
            else
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
