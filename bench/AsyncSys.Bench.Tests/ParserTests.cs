using System.IO;
using AsyncSys.Bench.Cli;
using AsyncSys.Bench.Fio;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Tests;

public class ParserTests
{
    [Fact]
    public void Fio_json_gives_iops_cpu_per_op_and_total_latency_percentiles()
    {
        FioResult fio = FioParser.Parse(File.ReadAllText(Path.Combine("Fixtures", "fio-randread.json")), write: false);

        Assert.Equal("fio-3.36", fio.Version);
        Assert.Equal(200_000, fio.Iops);
        // (12.5% + 37.5%) of one CPU at 200,000 IOPS = 0.5 / 200,000 s per op = 2.5 µs per op.
        Assert.Equal(2.5, fio.CpuSecondsPerMillionOps, 6);
        Assert.Equal(4.0, fio.P50Micros);
        Assert.Equal(10.0, fio.P99Micros);
    }

    [Theory]
    [InlineData("4k", 4096)]
    [InlineData("4KiB", 4096)]
    [InlineData("1g", 1L << 30)]
    [InlineData("512", 512)]
    [InlineData("64M", 64L << 20)]
    public void Sizes_parse_like_fio(string text, long expected) => Assert.Equal(expected, SizeParser.Parse(text));

    [Fact]
    public void Mode_list_always_includes_the_baseline_and_keeps_case_order()
    {
        Assert.Equal(new[] { CaseKind.RandomAccess, CaseKind.IoUring, CaseKind.Sync }, BenchOptions.ParseModes("sync,iouring"));
        Assert.Equal(7, BenchOptions.ParseModes("all").Count);
    }

    [Fact]
    public void Options_parse_queue_depth_lists_and_reject_unknown_flags()
    {
        BenchOptions options = BenchOptions.Parse(new[] { "randread", "--qd", "1,32,128", "--direct", "--size", "64m" });
        Assert.Equal(new[] { 1, 32, 128 }, options.QueueDepths);
        Assert.True(options.Direct);
        Assert.Equal(64L << 20, options.FileSize);
        Assert.Throws<System.FormatException>(() => BenchOptions.Parse(new[] { "randread", "--qdd", "4" }));
    }
}
