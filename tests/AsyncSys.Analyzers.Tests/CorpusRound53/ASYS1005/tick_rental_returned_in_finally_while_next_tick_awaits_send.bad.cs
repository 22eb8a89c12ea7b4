// A tick rents a frame, writes the world snapshot into it and starts its send, keeping the send in a field so the next tick awaits it (ticks overlap with the network); the tick's finally returns the frame to the pool at once, while the send the next tick awaits still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus53.TickRentalFinallyBad;

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

    public async Task TickAsync(WorldSnapshot snapshot, CancellationToken ct)
    {
        if (_previous is not null)
        {
            await _previous.ConfigureAwait(false);
        }

        byte[] frame = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int length = snapshot.WriteTo(frame);
            _previous = ring.SendAsync(socket, frame.AsMemory(0, length), MessageFlags.None, ct).AsTask();
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
