using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Diagnostics;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Issue 16, items 6 and 13: user callbacks (cancel hooks, metrics listeners) that throw are isolated, counted
/// and reported; they never escape Dispose or CancelAll and never end the process from a ring or worker thread.
/// </summary>
public sealed class UserCallbackIsolationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_cancel_hook_that_throws_is_reported_and_CancelAll_and_Dispose_complete(IoBackend backend)
    {
        string name = "hook-throws-" + backend;
        using var events = new CallbackFailureEvents(name);
        var ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = name, DisposeTimeout = TimeSpan.FromMilliseconds(300) });
        using var release = new ManualResetEventSlim(false);
        long failuresBefore = UserCallbacks.Failures;
        int hookCalls = 0;

        Task<BlockingResult<ManualResetEventSlim>> call = ring.RunBlockingAsync(
            release,
            static (ref ManualResetEventSlim r) => r.Wait(TimeSpan.FromSeconds(10)) ? 1 : 0,
            _ =>
            {
                Interlocked.Increment(ref hookCalls);
                throw new InvalidOperationException("hook failed on purpose");
            }).AsTask();
        await WaitUntil(() => ring.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker), "the call to start");

        Assert.Equal(1, ring.CancelAll()); // before the fix: the hook's exception came out of CancelAll
        Assert.Equal(1, Volatile.Read(ref hookCalls));

        // Dispose cancels again (the cancel was recorded once, so the hook is not called twice) and gives up on the
        // call after its timeout: it completes, it does not throw, and the ring is fully disposed.
        ring.Dispose();
        Assert.Single(ring.Abandoned);
        ring.Dispose(); // a second Dispose is a no-op
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.NopAsync(); });

        Assert.True(UserCallbacks.Failures > failuresBefore);
        Assert.Contains(events.Failures, f => f.Contains("cancel hook", StringComparison.Ordinal) && f.Contains("hook failed on purpose", StringComparison.Ordinal));

        release.Set();
        BlockingResult<ManualResetEventSlim> result = await ReliabilityAssert.WithinResult(call, "the abandoned call");
        Assert.Equal(1, result.Value); // it ran to its end: the completion was still delivered exactly once
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_metrics_listener_that_throws_never_ends_the_process_nor_loses_an_operation(IoBackend backend)
    {
        string name = "listener-throws-" + backend;
        using var events = new CallbackFailureEvents(name);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AsyncSys")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => ThrowForRing(tags, name));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => ThrowForRing(tags, name));
        listener.Start();
        long failuresBefore = UserCallbacks.Failures;

        using var ring = IoRing.Create(new IoRingOptions { Backend = backend, Name = name });
        using var file = new TempFile(4096);
        using var handle = file.Open();
        var buffer = new byte[4096];
        for (int i = 0; i < 50; i++)
        {
            // Completions on the ring thread (reads, nops) and on workers (a blocking call).
            Assert.Equal(4096, await ring.ReadAsync(handle, buffer, 0));
            await ring.NopAsync();
            await ring.RunBlockingAsync(0, static (ref int s) => 0);
        }

        Assert.Equal(file.Content, buffer);
        Assert.Equal(0, ring.InFlightCount);
        Assert.True(UserCallbacks.Failures - failuresBefore >= 150, $"{UserCallbacks.Failures - failuresBefore} failures counted");
        Assert.Contains(events.Failures, f => f.Contains("metrics listener", StringComparison.Ordinal));
    }

    private static void ThrowForRing(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "asyncsys.ring" && (string?)tag.Value == name)
            {
                throw new InvalidOperationException("listener failed on purpose");
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < ReliabilityAssert.Bound, $"waited too long for {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Collects the AsyncSys UserCallbackFailed events of one ring.</summary>
    private sealed class CallbackFailureEvents : EventListener
    {
        private readonly string _ring;
        private readonly ConcurrentQueue<string> _failures = new();

        internal CallbackFailureEvents(string ring)
        {
            _ring = ring;
            EnableEvents(AsyncSysEventSource.Log, EventLevel.Error);
        }

        internal IEnumerable<string> Failures => _failures;

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // Called from the base constructor before _ring is set, for events already in flight.
            if (_ring is not null && eventData.EventName == "UserCallbackFailed" && eventData.Payload is { Count: 4 } payload && (string?)payload[0] == _ring)
            {
                _failures.Enqueue($"{payload[1]}: {payload[2]}: {payload[3]}");
            }
        }
    }
}
