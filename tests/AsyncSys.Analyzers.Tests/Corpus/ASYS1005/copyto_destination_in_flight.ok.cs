// The first send is awaited before the buffer is refilled.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Replicator
{
    public static async Task ShipAsync(IoRing ring, int socket, ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[4096];
        first.Span.CopyTo(frame);
        await ring.SendAsync(socket, frame.AsMemory(0, first.Length), 0, cancellationToken);
        second.Span.CopyTo(frame);
        await ring.SendAsync(socket, frame.AsMemory(0, second.Length), 0, cancellationToken);
    }
}
