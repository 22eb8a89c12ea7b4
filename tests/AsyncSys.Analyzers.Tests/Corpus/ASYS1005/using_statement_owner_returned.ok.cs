// The send is awaited inside the using statement.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Echo
{
    public static async ValueTask<int> SendCopyAsync(IoRing ring, int socket, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(owner.Memory);
        using (owner)
        {
            return await ring.SendAsync(socket, owner.Memory.Slice(0, payload.Length), 0, cancellationToken);
        }
    }
}
