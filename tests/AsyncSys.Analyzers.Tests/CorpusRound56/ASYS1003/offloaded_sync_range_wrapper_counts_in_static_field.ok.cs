// A hosted writeback service flushes dirty ranges with a sync_file_range wrapper the generator must offload (RingOp.None); the wrapper counts flushed bytes in a static field with Interlocked.Add, so the concurrent workers' updates do not race.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.SyncRangeCounterOk;

internal static partial class Writeback
{
    internal static long s_bytesSynced;

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRangeNative(int fd, long offset, long count, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SyncRange(int fd, long offset, long count, uint flags)
    {
        int rc = SyncFileRangeNative(fd, offset, count, flags);
        if (rc == 0)
        {
            Interlocked.Add(ref s_bytesSynced, count);
        }

        return rc;
    }
}

internal sealed class WritebackService(IoRing ring, int dataFd)
{
    private const uint SyncFileRangeWrite = 2;

    public async Task ExecuteAsync((long Offset, long Length)[] dirty, CancellationToken stoppingToken)
    {
        var flushes = new Task[dirty.Length];
        for (int i = 0; i < dirty.Length; i++)
        {
            flushes[i] = Writeback.SyncRangeAsync(ring, dataFd, dirty[i].Offset, dirty[i].Length, SyncFileRangeWrite, stoppingToken).AsTask();
        }

        await Task.WhenAll(flushes).ConfigureAwait(false);
    }
}
