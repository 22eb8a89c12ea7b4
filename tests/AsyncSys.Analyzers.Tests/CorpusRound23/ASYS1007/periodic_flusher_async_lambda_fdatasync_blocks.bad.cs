// A periodic flusher runs as an async lambda on the thread pool and calls the blocking fdatasync wrapper on every tick
// although FDataSyncAsync exists. Each flush holds a pool thread for the whole device flush; with a flusher per
// partition the pool starves and the broker's request handlers stall behind the disk.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Blocking.PeriodicFlusherSync;

internal static partial class SegmentSyscalls
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int FDataSync(int fd);
}

public sealed class PeriodicFlusher(int segmentFd, TimeSpan interval)
{
    private long _failures;

    public long Failures => Interlocked.Read(ref _failures);

    public Task Start(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(interval, ct);
            if (/*~ASYS1007*/SegmentSyscalls.FDataSync(segmentFd) != 0)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }, ct);
}
