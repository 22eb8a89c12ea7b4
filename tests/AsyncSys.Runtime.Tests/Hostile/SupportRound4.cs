using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw syscalls round 4 adds: descriptor flags, page-cache advice, fsync, a timed poll.</summary>
internal static unsafe partial class Sys
{
    public const int F_GETFL = 3, F_SETFL = 4;
    public const int POSIX_FADV_DONTNEED = 4;
    public const int SHUT_RD = 0, SHUT_WR = 1;
    public const int MSG_PEEK = 2, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_fadvise(int fd, long offset, long length, int advice);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, nint address, nint addressLength, int flags);

    /// <summary>Sets or clears O_NONBLOCK on the open file description behind <paramref name="fd"/>.</summary>
    public static void SetNonBlocking(int fd, bool on)
    {
        int flags = Check(fcntl(fd, F_GETFL, 0), "fcntl(F_GETFL)");
        Check(fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK), "fcntl(F_SETFL)");
    }

    /// <summary>
    /// Waits up to <paramref name="milliseconds"/> in poll(2) on <paramref name="fd"/> for input; returns poll's result,
    /// or -errno. poll is never restarted after a signal handler, whatever SA_RESTART says, so a stray signal to this
    /// thread shows as -EINTR.
    /// </summary>
    public static int PollIn(int fd, int milliseconds)
    {
        // struct pollfd { int fd; short events; short revents; }
        long entry = (uint)fd | (1L << 32); // POLLIN
        int result = poll(&entry, (nuint)1, milliseconds);
        return result >= 0 ? result : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Opens /dev/zero read-only: a read of it always returns at once, so a call site reading it is short.</summary>
    public static int OpenZero() => Check(open("/dev/zero", O_RDONLY | O_CLOEXEC, 0), "open(/dev/zero)");
}

/// <summary>
/// Round 4's helpers: a failsafe that unblocks a thread a faulty runtime would leave blocked in read(2) (so a failing
/// test fails instead of holding a thread for ever), and listeners of the AsyncSys meter and event source.
/// </summary>
internal static class Round4
{
    /// <summary>
    /// After well past <see cref="Hostile.Bound"/>, writes <paramref name="bytes"/> bytes into <paramref name="pipe"/>:
    /// only a test that has already failed (a call that should have returned at once and blocked its caller instead)
    /// ever needs it; a passing test has disposed the timer long before.
    /// </summary>
    public static Timer Rescue(RawPipe pipe, int bytes = 64) =>
        new(_ =>
        {
            try
            {
                pipe.Put(new byte[bytes]);
            }
            catch (InvalidOperationException)
            {
                // Closed meanwhile: nothing left to rescue.
            }
        }, null, Hostile.Bound + TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

    /// <summary>Whether this thread is an io_uring ring thread (they are named "... ring").</summary>
    public static bool OnRingThread() => Thread.CurrentThread.Name?.EndsWith(" ring", StringComparison.Ordinal) == true;

    /// <summary>Ids of the listing, checked to be distinct (an id names one operation in flight).</summary>
    public static IReadOnlyList<InFlightOperation> DistinctListing(IoRing ring)
    {
        IReadOnlyList<InFlightOperation> list = ring.GetInFlightOperations();
        var ids = new HashSet<long>();
        foreach (InFlightOperation o in list)
        {
            Assert.True(ids.Add(o.Id), $"id {o.Id:x} listed twice in one snapshot: {string.Join(", ", list.Select(x => $"{x.Id:x} {x.Operation} {x.State}"))}");
            Assert.True(Enum.IsDefined(o.State), $"state {(int)o.State} of {o.Id:x}");
        }

        return list;
    }
}

/// <summary>
/// Sums the AsyncSys meter's counters for one ring (tag <c>asyncsys.ring</c>), attached before the ring exists.
/// </summary>
internal sealed class RingMeter : IDisposable
{
    private readonly string _ring;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public RingMeter(string ring)
    {
        _ring = ring;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AsyncSys")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public long this[string instrument] => _counts.TryGetValue(instrument, out long value) ? value : 0;

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            return;
        }

        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "asyncsys.ring" && Equals(tag.Value, _ring))
            {
                _counts.AddOrUpdate(instrument.Name, value, (_, old) => old + value);
                return;
            }
        }
    }

    public override string ToString() => string.Join(", ", _counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));

    public void Dispose() => _listener.Dispose();
}

/// <summary>Collects the AsyncSys event source's events (id and payload) while it lives.</summary>
internal sealed class AsyncSysEvents : EventListener
{
    private readonly ConcurrentQueue<(int Id, string Name, object?[] Payload)> _events = new();

    public IReadOnlyList<(int Id, string Name, object?[] Payload)> Events => _events.ToArray();

    /// <summary>The events with id <paramref name="id"/> whose payload names ring <paramref name="ring"/>.</summary>
    public int Count(int id, string ring) => _events.Count(e => e.Id == id && e.Payload.Any(p => Equals(p, ring)));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "AsyncSys")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name == "AsyncSys")
        {
            _events.Enqueue((eventData.EventId, eventData.EventName ?? "", eventData.Payload?.ToArray() ?? Array.Empty<object?>()));
        }
    }
}
