using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>Round 12's syscalls: the calling thread's CPU affinity, and what the process's threads and descriptors are.</summary>
internal static unsafe partial class Sys
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nint size, ulong* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_getaffinity(int pid, nint size, ulong* mask);

    /// <summary>The processors the calling thread may run on (the first 64).</summary>
    public static ulong ThreadAffinity()
    {
        ulong* mask = stackalloc ulong[16];
        new Span<ulong>(mask, 16).Clear();
        Check(sched_getaffinity(0, 16 * sizeof(ulong), mask), "sched_getaffinity");
        return mask[0];
    }

    /// <summary>Binds the calling thread only (pid 0) to <paramref name="cpus"/>: never a thread the test did not start.</summary>
    public static void SetThreadAffinity(ulong cpus)
    {
        ulong* mask = stackalloc ulong[16];
        new Span<ulong>(mask, 16).Clear();
        mask[0] = cpus;
        Check(sched_setaffinity(0, 16 * sizeof(ulong), mask), "sched_setaffinity");
    }

    /// <summary>The processors in <paramref name="mask"/>, one bit each.</summary>
    public static ulong[] Cpus(ulong mask) => Enumerable.Range(0, 64).Where(i => (mask & (1UL << i)) != 0).Select(i => 1UL << i).ToArray();

    /// <summary>The names (comm) of the process's threads now.</summary>
    public static List<string> ThreadNames()
    {
        var names = new List<string>();
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                names.Add(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return names;
    }

    /// <summary>What descriptor <paramref name="fd"/> (one the test owns) points to, as /proc/self/fd says ("pipe:[123]").</summary>
    public static string LinkOf(int fd) => new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? "?";

    /// <summary>How many of the process's descriptors point to one of <paramref name="targets"/> (counted by link target, never acted on).</summary>
    public static int DescriptorsPointingTo(IReadOnlySet<string> targets) => Descriptors(Environment.ProcessId).Values.Count(targets.Contains);
}

/// <summary>
/// A SynchronizationContext that user code puts on a ring's thread: counts what is posted to it and runs it on the pool
/// with itself current, as a UI or request context would run it somewhere of its own.
/// </summary>
internal sealed class ForeignContext : SynchronizationContext
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts);
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            SynchronizationContext? before = Current;
            SetSynchronizationContext(this);
            try
            {
                d(state);
            }
            finally
            {
                SetSynchronizationContext(before);
            }
        }, null);
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("nothing sends here");
}

/// <summary>Reads the <c>asyncsys.ops.in_flight</c> gauge for one ring name: every measurement of one collection.</summary>
internal sealed class InFlightGauge : IDisposable
{
    private readonly string _ring;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<long> _values = new();

    public InFlightGauge(string ring)
    {
        _ring = ring;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AsyncSys" && instrument.Name == "asyncsys.ops.in_flight")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    private void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "asyncsys.ring" && Equals(tag.Value, _ring))
            {
                _values.Enqueue(value);
            }
        }
    }

    /// <summary>The measurements one collection reports for the ring.</summary>
    public long[] Collect()
    {
        _values.Clear();
        _listener.RecordObservableInstruments();
        return _values.ToArray();
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Round 12's helpers.</summary>
internal static class Round12
{
    /// <summary>
    /// Waits synchronously, at most <paramref name="bound"/>, for <paramref name="task"/>: what the hostile user code
    /// does on a ring's thread. Kept out of the test methods on purpose.
    /// </summary>
    public static bool WaitSync(Task task, TimeSpan bound)
    {
        try
        {
            return task.Wait(bound);
        }
        catch (AggregateException)
        {
            // Ended with an error: it ended; the caller awaits it to see which.
            return true;
        }
    }

    /// <summary>Starts <paramref name="count"/> threads named <paramref name="name"/> that run <paramref name="body"/> with their index, and a task that ends when all of them have ended.</summary>
    public static Task StartThreads(int count, string name, Action<int> body)
    {
        var ended = new Task[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ended[i] = done.Task;
            var thread = new Thread(() =>
            {
                try
                {
                    body(index);
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            })
            {
                Name = name,
                IsBackground = true,
            };
            thread.Start();
        }

        return Task.WhenAll(ended);
    }
}
