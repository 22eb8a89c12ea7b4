using System;
using System.Diagnostics.Metrics;
using System.Threading;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// A MeterListener subscribed to every instrument of the "AsyncSys" meter that aggregates what it hears, as an
/// exporter would: the "with metrics" side of the metrics-cost comparison.
/// </summary>
internal sealed class MetricsSink : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;
    private double _sum;

    private MetricsSink()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AsyncSys")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => Interlocked.Add(ref ((MetricsSink)state!)._count, value));
        _listener.SetMeasurementEventCallback<int>(static (_, value, _, state) => Interlocked.Add(ref ((MetricsSink)state!)._count, value));
        _listener.SetMeasurementEventCallback<double>(static (_, value, _, state) => ((MetricsSink)state!).AddSum(value));
        _listener.Start();
    }

    internal static IDisposable Attach() => new MetricsSink();

    private void AddSum(double value)
    {
        double current;
        do
        {
            current = Volatile.Read(ref _sum);
        }
        while (Interlocked.CompareExchange(ref _sum, current + value, current) != current);
    }

    public void Dispose() => _listener.Dispose();
}
