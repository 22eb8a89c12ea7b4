// A tick broadcasts one snapshot frame to every client's connected UDP socket, stamping each client's last acked input
// sequence into the frame's first two bytes before starting its send, and awaits all sends together. The stamp for the
// next client is written while the previous client's send still reads the frame, so clients receive each other's acks
// and the input prediction of several players rewinds and stutters.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.BroadcastSharedFrame;

public sealed record ClientEndpoint(int Fd, ushort LastAckedInput);

public sealed class SnapshotBroadcaster(IoRing ring)
{
    public async Task BroadcastAsync(byte[] frame, int length, IReadOnlyList<ClientEndpoint> clients, CancellationToken ct)
    {
        var sends = new List<Task<int>>(clients.Count);
        foreach (ClientEndpoint client in clients)
        {
            /*~ASYS1005*/BinaryPrimitives.WriteUInt16LittleEndian(frame, client.LastAckedInput);
            sends.Add(ring.SendAsync(client.Fd, frame.AsMemory(0, length), MessageFlags.None, ct).AsTask());
        }

        await Task.WhenAll(sends);
    }
}
