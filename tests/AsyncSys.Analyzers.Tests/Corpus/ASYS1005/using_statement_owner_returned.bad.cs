// A using statement around a returned send: the owner is disposed at the closing brace, mid-send.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Echo
{
    public static ValueTask<int> SendCopyAsync(IoRing ring, int socket, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(owner.Memory.Span);
        /*~ASYS1005*/using (owner)
        {
            return ring.SendAsync(socket, owner.Memory.Slice(0, payload.Length), 0, cancellationToken);
        }
    }
}
