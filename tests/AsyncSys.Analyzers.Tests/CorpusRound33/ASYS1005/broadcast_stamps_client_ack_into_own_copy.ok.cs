// The snapshot broadcast made right: each client's frame is its own pooled copy of the snapshot with that client's ack
// stamped in, so no send's bytes change while it is in flight; the copies go back to the pool after every send ended.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.BroadcastOwnCopies;

public sealed record ClientEndpoint(int Fd, ushort LastAckedInput);

public sealed class SnapshotBroadcaster(IoRing ring)
{
    public async Task BroadcastAsync(byte[] frame, int length, IReadOnlyList<ClientEndpoint> clients, CancellationToken ct)
    {
        var copies = new List<byte[]>(clients.Count);
        var sends = new List<Task<int>>(clients.Count);
        try
        {
            foreach (ClientEndpoint client in clients)
            {
                byte[] copy = ArrayPool<byte>.Shared.Rent(length);
                copies.Add(copy);
                frame.AsSpan(0, length).CopyTo(copy);
                BinaryPrimitives.WriteUInt16LittleEndian(copy, client.LastAckedInput);
                sends.Add(ring.SendAsync(client.Fd, copy.AsMemory(0, length), MessageFlags.None, ct).AsTask());
            }
        }
        finally
        {
            try
            {
                await Task.WhenAll(sends);
            }
            finally
            {
                foreach (byte[] copy in copies)
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }
        }
    }
}
