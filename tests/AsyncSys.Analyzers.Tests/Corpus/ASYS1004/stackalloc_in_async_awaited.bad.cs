// stackalloc in an async method: the frame is gone at the first await that yields, while the kernel still reads.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal static class Heartbeat
{
    public static async Task<int> SendAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        ValueTask<int> send;
        unsafe
        {
            byte* ping = stackalloc byte[8];
            ping[0] = 0x01;
            send = ring.SendAsync(socket, /*~ASYS1004*/new PointerMemoryManager(ping, 8).Memory, 0, cancellationToken);
        }

        return await send;
    }
}
