// The owner is disposed after the send completed.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Banner
{
    public static async Task<int> SendAsync(IoRing ring, int socket, string text, CancellationToken cancellationToken)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        int length = Encoding.UTF8.GetBytes(text, owner.Memory.Span);
        ValueTask<int> send = ring.SendAsync(socket, owner.Memory.Slice(0, length), 0, cancellationToken);
        int sent = await send;
        owner.Dispose();
        return sent;
    }
}
