// The memory owner is disposed right after the write is submitted.
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
        /*~ASYS1005*/owner.Dispose();
        return await send;
    }
}
