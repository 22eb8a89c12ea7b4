using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Builds a copy of samples/AnalyzerViolations with the real toolchain: every rule must show up in the
/// build output at the marked line with its help link, and `dotnet format` must apply the code fixes.
/// </summary>
/// <remarks>
/// The copy references the runtime and analyzer binaries in this test's output folder (through
/// AsyncSysBinaries), so it never rebuilds or locks the repository's projects other engineers are building.
/// </remarks>
public sealed class SampleProjectTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(150);
    private static readonly string[] AllIds = { "ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007" };
    private static readonly string[] FixableIds = { "ASYS1001", "ASYS1006", "ASYS1007" };

    private static readonly Regex Warning = new(
        @"(?<file>[^\s:()]+\.cs)\((?<line>\d+),(?<column>\d+)\): warning (?<id>ASYS\d{4}): (?<message>.*?) \((?<link>https://[^\s)]+)\)",
        RegexOptions.Compiled);

    private readonly string _copy;

    public SampleProjectTests()
    {
        _copy = Path.Combine(Path.GetTempPath(), "asyncsys-sample-" + Guid.NewGuid().ToString("N"));
        CopySample(_copy);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_copy, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    [Fact]
    public async Task Build_reports_every_rule_at_its_marked_line_with_its_help_link()
    {
        var warnings = await BuildAsync();

        foreach (string id in AllIds)
        {
            var reported = warnings.Where(w => w.Id == id).ToList();
            int expectedLine = MarkedLine(id);
            Assert.True(reported.Count == 1, $"{id} was reported {reported.Count} times; the sample has one violation of it.");
            Assert.Equal("Violations.cs", Path.GetFileName(reported[0].File));
            Assert.Equal(expectedLine, reported[0].Line);
            Assert.True(reported[0].Column > 0);
            Assert.Equal("https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/" + id + ".md", reported[0].Link);
        }
    }

    [Fact]
    public async Task Dotnet_format_applies_the_code_fixes_and_the_fixed_sample_builds_without_those_warnings()
    {
        string before = File.ReadAllText(Path.Combine(_copy, "Violations.cs"));
        await BuildAsync();

        var arguments = new List<string> { "format", "analyzers", Project, "--severity", "warn", "--diagnostics" };
        arguments.AddRange(FixableIds);
        var format = await Cli.DotnetAsync(_copy, StepTimeout, null, arguments.ToArray());
        Assert.True(format.ExitCode == 0, format.Describe());

        string after = File.ReadAllText(Path.Combine(_copy, "Violations.cs"));
        Assert.NotEqual(before, after);
        Assert.True(LineOf(after, "// ASYS1001") > 0, "The fix lost the line's comment:\n" + after);
        Assert.Contains("return await Libc.fsyncAsync(fd, cancellationToken); // ASYS1007", after, StringComparison.Ordinal);
        Assert.Contains("await Libc.fsyncAsync(fd); // ASYS1006", after, StringComparison.Ordinal);
        Assert.True(MarkedLine("ASYS1001") < LineOf(after, "Console.WriteLine(\"fsync returned"), "The errno read was not moved above the logging call:\n" + after);

        var warnings = await BuildAsync();
        foreach (string id in FixableIds)
        {
            Assert.DoesNotContain(warnings, w => w.Id == id);
        }

        foreach (string id in AllIds.Except(FixableIds))
        {
            Assert.Contains(warnings, w => w.Id == id);
        }
    }

    private string Project => Path.Combine(_copy, "AnalyzerViolations.csproj");

    private async Task<List<(string File, int Line, int Column, string Id, string Link)>> BuildAsync()
    {
        var build = await Cli.DotnetAsync(_copy, StepTimeout, null, "build", Project, "-nologo", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(build.ExitCode == 0, build.Describe());
        return Warning.Matches(build.Output)
            .Select(m => (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["id"].Value, m.Groups["link"].Value))
            .Distinct()
            .ToList();
    }

    /// <summary>The 1-based line that carries the rule's marker comment in the copy's Violations.cs.</summary>
    private int MarkedLine(string id)
    {
        int line = LineOf(File.ReadAllText(Path.Combine(_copy, "Violations.cs")), "// " + id);
        Assert.True(line > 0, "Violations.cs has no line marked // " + id);
        return line;
    }

    private static int LineOf(string text, string marker)
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        return Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal)) + 1;
    }

    private static void CopySample(string destination)
    {
        string sample = Path.Combine(Repository.Root, "samples", "AnalyzerViolations");
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(sample).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        string binaries = AppContext.BaseDirectory.EndsWith(Path.DirectorySeparatorChar) ? AppContext.BaseDirectory : AppContext.BaseDirectory + Path.DirectorySeparatorChar;
        File.WriteAllText(
            Path.Combine(destination, "Directory.Build.props"),
            "<Project><PropertyGroup><AsyncSysBinaries>" + binaries + "</AsyncSysBinaries></PropertyGroup></Project>");
    }
}
