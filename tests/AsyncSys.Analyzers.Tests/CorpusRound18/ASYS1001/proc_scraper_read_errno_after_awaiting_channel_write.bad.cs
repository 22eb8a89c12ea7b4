// A metrics agent scrapes /proc/<pid>/io of each watched process with a plain read(2) and, when the read fails, first
// publishes a "scrape failed" sample into a bounded Channel (awaiting room: backpressure from the exporter) and only then
// reads errno to tell a process that exited (ESRCH) from a permission problem. After the await the method may run on
// another thread whose errno is unrelated, so exited processes are reported as permission errors (and never unwatched).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Round18.Errno.ProcScraperAfterChannelWrite;

internal static partial class Native
{
    internal const int ESRCH = 3;

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static partial nint PRead(int fd, byte[] buffer, nuint count, long offset);
}

public readonly record struct Sample(int Pid, string Name, long Value);

public sealed class ProcIoScraper(ChannelWriter<Sample> samples)
{
    public async Task<bool> ScrapeAsync(int pid, int ioFd, byte[] buffer, CancellationToken ct)
    {
        nint n = Native.PRead(ioFd, buffer, (nuint)buffer.Length, 0);
        if (n >= 0)
        {
            await samples.WriteAsync(new Sample(pid, "proc_io_bytes", n), ct);
            return true;
        }

        await samples.WriteAsync(new Sample(pid, "proc_io_scrape_failed", 1), ct);
        if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.ESRCH)
        {
            return false;
        }

        return true;
    }
}
