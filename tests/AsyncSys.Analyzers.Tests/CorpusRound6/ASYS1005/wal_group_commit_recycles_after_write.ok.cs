using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.WalRecycleAfter;

/// <summary>The same group commit: the batch goes back to the pool in a finally after the awaited write.</summary>
internal sealed class GroupCommitWal
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;

    public GroupCommitWal(IoRing ring, int fd, long tail)
    {
        _ring = ring;
        _fd = fd;
        _tail = tail;
    }

    public async ValueTask<long> CommitAsync(IReadOnlyList<byte[]> records, CancellationToken cancellationToken)
    {
        int size = 0;
        foreach (byte[] record in records)
        {
            size += record.Length;
        }

        byte[] batch = ArrayPool<byte>.Shared.Rent(size);
        void Recycle() => ArrayPool<byte>.Shared.Return(batch);

        try
        {
            int at = 0;
            foreach (byte[] record in records)
            {
                record.CopyTo(batch, at);
                at += record.Length;
            }

            await _ring.WriteAsync(_fd, batch.AsMemory(0, at), _tail, cancellationToken);
            long committed = _tail += at;
            await _ring.FdatasyncAsync(_fd, cancellationToken);
            return committed;
        }
        finally
        {
            Recycle();
        }
    }
}
