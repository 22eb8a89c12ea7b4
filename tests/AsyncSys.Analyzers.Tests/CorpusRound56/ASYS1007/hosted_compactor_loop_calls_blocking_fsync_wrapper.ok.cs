// A hosted segment compactor copies live records into a new segment through ring writes on each PeriodicTimer tick, then makes the segment durable by awaiting the generated fsync wrapper's asynchronous variant, so no pool thread blocks in the syscall.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.CompactorFsyncOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class SegmentCompactor(IoRing ring, int segmentFd, Func<ReadOnlyMemory<byte>[]> liveRecords) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            long offset = 0;
            foreach (ReadOnlyMemory<byte> record in liveRecords())
            {
                await ring.WriteAsync(segmentFd, record, offset, stoppingToken).ConfigureAwait(false);
                offset += record.Length;
            }

            await Native.FsyncAsync(ring, segmentFd, stoppingToken).ConfigureAwait(false);
        }
    }
}
