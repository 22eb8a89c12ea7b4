// The WAL group commit made right (double buffering): while the current batch is being written, arriving records are
// staged in the other buffer; the buffers swap only after the write and the fdatasync completed, and waiters are
// completed after the sync.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.WalGroupCommitDoubleBuffer;

public sealed class GroupCommitLog(IoRing ring, int logFd)
{
    private byte[] _writing = new byte[1 << 20];
    private byte[] _staging = new byte[1 << 20];
    private int _staged;
    private long _fileOffset;

    public async Task CommitAsync(int batchLength, Queue<byte[]> arrivals, List<TaskCompletionSource> waiters, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(logFd, _writing.AsMemory(0, batchLength), _fileOffset, ct);
        _staged = 0;
        while (arrivals.TryDequeue(out byte[]? record) && _staged + record.Length <= _staging.Length)
        {
            record.CopyTo(_staging, _staged);
            _staged += record.Length;
        }

        await write;
        int written = batchLength;
        await ring.FdatasyncAsync(logFd, ct);
        _fileOffset += written;
        (_writing, _staging) = (_staging, _writing);
        foreach (TaskCompletionSource waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }
}
