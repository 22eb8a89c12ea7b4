// A metrics scraper stamps each sample with CLOCK_BOOTTIME through a plain P/Invoke inside its async loop. clock_gettime
// is a vDSO call that never blocks and has no [AsyncSyscall] variant: there is nothing to await instead.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.Blocking.ScraperClockGettime;

[StructLayout(LayoutKind.Sequential)]
public struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static partial class Native
{
    internal const int CLOCK_BOOTTIME = 7;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int ClockGetTime(int clock, out Timespec now);
}

public readonly record struct Stamped(long BootTimeNs, int Bytes);

public sealed class StampingScraper(IoRing ring, int sourceFd, ChannelWriter<Stamped> output)
{
    public async Task RunAsync(byte[] buffer, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReadAsync(sourceFd, buffer, 0, ct);
            Native.ClockGetTime(Native.CLOCK_BOOTTIME, out Timespec now);
            await output.WriteAsync(new Stamped(now.Seconds * 1_000_000_000 + now.Nanoseconds, n), ct);
            await ring.DelayAsync(TimeSpan.FromSeconds(10), ct);
        }
    }
}
