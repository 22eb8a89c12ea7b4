// A WAL group commit writes the current batch with pwrite and, while that write is in flight, copies the next record
// that arrived into the free tail of the same batch buffer (to "save a copy" for the next batch), only then awaiting
// the write and the fdatasync. The kernel reads the buffer during the write; with a torn copy the record bytes written
// may be half old, half new, and the CRC of a committed record fails on recovery.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.WalGroupCommitAppend;

public sealed class GroupCommitLog(IoRing ring, int logFd)
{
    private readonly byte[] _batch = new byte[1 << 20];
    private int _used;
    private long _fileOffset;

    public async Task CommitAsync(int batchLength, Queue<byte[]> arrivals, List<TaskCompletionSource> waiters, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(logFd, _batch.AsMemory(0, batchLength), _fileOffset, ct);
        _used = batchLength;
        while (arrivals.TryDequeue(out byte[]? record) && _used + record.Length <= _batch.Length)
        {
            /*~ASYS1005*/record.CopyTo(_batch, _used);
            _used += record.Length;
        }

        await write;
        int written = batchLength;
        await ring.FdatasyncAsync(logFd, ct);
        _fileOffset += written;
        foreach (TaskCompletionSource waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }
}
