using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>Round 9's syscalls: pseudo-terminals (a descriptor io_uring may run on its own workers) and file status flags.</summary>
internal static unsafe partial class Sys
{
    public const int O_NOCTTY = 0x100;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_openpt(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int grantpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unlockpt(int fd);

    /// <summary>Sets or clears <paramref name="flag"/> (O_APPEND, O_NONBLOCK) in the file status flags of <paramref name="fd"/>.</summary>
    public static void SetStatusFlag(int fd, int flag, bool on)
    {
        int flags = Check(fcntl(fd, F_GETFL, 0), "fcntl(F_GETFL)");
        Check(fcntl(fd, F_SETFL, on ? flags | flag : flags & ~flag), "fcntl(F_SETFL)");
    }

    /// <summary>A pseudo-terminal master with nothing to read (its slave never opened), or -1 where the system has none.</summary>
    public static int IdlePtyMaster()
    {
        int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
        {
            return -1;
        }

        if (grantpt(fd) != 0 || unlockpt(fd) != 0)
        {
            close(fd);
            return -1;
        }

        return fd;
    }

    /// <summary>A plain pread of the whole file (a snapshot of one instant, up to <paramref name="max"/> bytes).</summary>
    public static byte[] ReadWhole(int fd, int max)
    {
        var buffer = new byte[max];
        fixed (byte* p = buffer)
        {
            nint n = pread(fd, p, (nuint)max, 0);
            Check((int)Math.Min(n, int.MaxValue), "pread");
            return buffer.AsSpan(0, (int)n).ToArray();
        }
    }
}

/// <summary>Sums the AsyncSys meter's counters for every ring whose tag starts with a name (a ring set's rings share it).</summary>
internal sealed class RingsMeter : IDisposable
{
    private readonly string _prefix;
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _counts = new();

    public RingsMeter(string prefix)
    {
        _prefix = prefix;
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

    private void Add(System.Diagnostics.Metrics.Instrument instrument, long value, ReadOnlySpan<System.Collections.Generic.KeyValuePair<string, object?>> tags)
    {
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            return;
        }

        foreach (System.Collections.Generic.KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "asyncsys.ring" && tag.Value is string ring && ring.StartsWith(_prefix, StringComparison.Ordinal))
            {
                _counts.AddOrUpdate(instrument.Name, value, (_, old) => old + value);
                return;
            }
        }
    }

    public override string ToString() => string.Join(", ", System.Linq.Enumerable.Select(System.Linq.Enumerable.OrderBy(_counts, p => p.Key), p => $"{p.Key} {p.Value}"));

    public void Dispose() => _listener.Dispose();
}

internal static unsafe partial class Sys
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup3(int oldFd, int newFd, int flags);
}
