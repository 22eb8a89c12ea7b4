// A group-commit loop double-buffers two arrays: it encodes a batch into the active one, starts its flush, swaps, then resets the header of the standby one, which after the swap is the array being flushed.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.GroupCommit;

public sealed class GroupCommitter
{
    private const int HeaderSize = 16;
    private const int BufferSize = 256 * 1024;
    private readonly IoRing _ring;
    private readonly int _fd;

    public GroupCommitter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async Task RunAsync(ChannelReader<IReadOnlyList<byte[]>> batches, CancellationToken ct)
    {
        byte[] active = new byte[BufferSize];
        byte[] standby = new byte[BufferSize];
        ValueTask<int> flush = default;
        bool pending = false;
        long tail = 0;
        await foreach (IReadOnlyList<byte[]> batch in batches.ReadAllAsync(ct))
        {
            int n = Encode(batch, active);
            if (pending)
            {
                tail += await flush;
            }

            flush = _ring.WriteAtMostAsync(_fd, active.AsMemory(0, n), tail, ct);
            pending = true;
            (active, standby) = (standby, active);
            /*~ASYS1005*/standby.AsSpan(0, HeaderSize).Clear();   // standby is now the array in flight
        }

        if (pending)
        {
            await flush;
        }
    }

    private static int Encode(IReadOnlyList<byte[]> batch, byte[] destination)
    {
        int at = HeaderSize;
        foreach (byte[] entry in batch)
        {
            entry.CopyTo(destination, at);
            at += entry.Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination.AsSpan(0, 4), at);
        return at;
    }
}
