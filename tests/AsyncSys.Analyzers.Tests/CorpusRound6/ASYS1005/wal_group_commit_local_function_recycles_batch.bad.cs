using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.WalRecycleEarly;

/// <summary>
/// Group commit: the records of every waiting transaction are copied into one pooled batch, written with one
/// write and made durable with one fdatasync.
/// </summary>
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

        int at = 0;
        foreach (byte[] record in records)
        {
            record.CopyTo(batch, at);
            at += record.Length;
        }

        ValueTask write = _ring.WriteAsync(_fd, batch.AsMemory(0, at), _tail, cancellationToken);
        long committed = _tail += at;
        /*~ASYS1005*/Recycle();   // the next commit rents the same array while this write still reads it
        await write;
        await _ring.FdatasyncAsync(_fd, cancellationToken);
        return committed;
    }
}
