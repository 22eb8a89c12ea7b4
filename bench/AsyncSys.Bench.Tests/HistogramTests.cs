using AsyncSys.Bench.Measurement;

namespace AsyncSys.Bench.Tests;

public class HistogramTests
{
    [Fact]
    public void Percentiles_are_within_the_bucket_resolution()
    {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            histogram.RecordNanos(i * 1000L); // 1 µs .. 1 ms, uniform
        }

        Assert.InRange(histogram.PercentileNanos(50)!.Value, 500_000 * 0.97, 500_000 * 1.03);
        Assert.InRange(histogram.PercentileNanos(99)!.Value, 990_000 * 0.97, 990_000 * 1.03);
    }

    [Fact]
    public void Every_value_maps_to_a_bucket_whose_middle_is_close()
    {
        for (long v = 1; v < (1L << 36); v = (v * 5 / 4) + 1)
        {
            int index = LatencyHistogram.IndexOf(v);
            Assert.InRange(index, 0, LatencyHistogram.BucketCount - 1);
            Assert.InRange(LatencyHistogram.Middle(index), v * 0.96, v * 1.04 + 1);
        }
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile() => Assert.Null(new LatencyHistogram().PercentileNanos(50));
}
