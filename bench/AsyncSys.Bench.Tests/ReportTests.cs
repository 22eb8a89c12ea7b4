using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using AsyncSys.Bench.Report;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Tests;

public class ReportTests
{
    private static BenchReport Fixture()
    {
        BenchReport report = ReportJson.Read(Path.Combine("Fixtures", "report.json"));
        report.Runs.ForEach(RatioCalculator.Fill);
        return report;
    }

    [Fact]
    public void Ratios_are_taken_against_the_baseline_and_fio_of_the_same_run()
    {
        CaseResult ring = Fixture().Runs[0].Cases.Single(c => c.Id == "iouring");

        Assert.Equal(2.0, ring.VsBaseline!.OpsPerSecond);
        Assert.Equal(0.5, ring.VsBaseline.CpuPerOp);
        Assert.Null(ring.VsBaseline.BytesPerOp); // the baseline allocates nothing: no ratio to it
        Assert.Equal(0.8, ring.OpsVsFio);
        Assert.Equal(1.25, ring.CpuVsFio!.Value, 6);
    }

    [Fact]
    public void Markdown_and_charts_are_written_from_the_json_alone()
    {
        string directory = Path.Combine(Path.GetTempPath(), "asyncsys-bench-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string output = Path.Combine(directory, "benchmarks.md");
            var files = MarkdownReport.Write(Fixture(), "bench/results/latest.json", output, "dotnet run ... report");
            string markdown = File.ReadAllText(output);

            Assert.Contains("> **fixture: not a measurement**", markdown, StringComparison.Ordinal);
            Assert.Contains("| IoRing io_uring | 1,000,000 | 2.00× | 1.00 | 0.50× | – | 25.0 | 80.0 | 0.0 | 12 | 32/32 | 0.80× | 1.25× |", markdown, StringComparison.Ordinal);
            Assert.Contains("*unavailable*", markdown, StringComparison.Ordinal);
            Assert.Contains("Test CPU <8 cores>", markdown, StringComparison.Ordinal);
            Assert.Contains("](benchmarks-randread-4k-qd32-buffered.svg)", markdown, StringComparison.Ordinal);
            Assert.Equal(3, files.Count);
            foreach (string svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
            {
                XDocument chart = XDocument.Load(svg); // well-formed, escaped text
                Assert.Equal("svg", chart.Root!.Name.LocalName);
            }

            Assert.Contains("2.00× RA", File.ReadAllText(Path.Combine(directory, "benchmarks-randread-4k-qd32-buffered.svg")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
