// A hosted segment compactor copies live records into a new segment through ring writes on each PeriodicTimer tick, then makes the segment durable with the generated fsync wrapper's blocking form, called directly inside ExecuteAsync, so a pool thread is parked in fsync for the whole flush.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.CompactorFsyncBad;

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

            if (/*~ASYS1007*/Native.Fsync(segmentFd) < 0)
            {
                throw new IOException("fsync of the compacted segment failed, errno " + Marshal.GetLastPInvokeError());
            }
        }
    }
}
