// A tick rents a frame, writes the world snapshot into it and starts its send, keeping the send and its frame in fields; the next tick awaits that send and only then returns its frame to the pool.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.TickRentalFinallyOk;

internal sealed class WorldSnapshot(long tick, float[] positions)
{
    public int WriteTo(byte[] destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, tick);
        int at = 8;
        foreach (float p in positions)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination.AsSpan(at), p);
            at += 4;
        }

        return at;
    }
}

internal sealed class SnapshotTick(IoRing ring, int socket)
{
    private Task<int>? _previous;
    private byte[]? _previousFrame;

    public async Task TickAsync(WorldSnapshot snapshot, CancellationToken ct)
    {
        if (_previous is not null)
        {
            await _previous.ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(_previousFrame!);
            _previous = null;
            _previousFrame = null;
        }

        byte[] frame = ArrayPool<byte>.Shared.Rent(4096);
        int length = snapshot.WriteTo(frame);
        _previousFrame = frame;
        _previous = ring.SendAsync(socket, frame.AsMemory(0, length), MessageFlags.None, ct).AsTask();
    }
}
