// A listener sniffs whether a new connection speaks TLS or plain HTTP by peeking its first bytes into a stackalloc buffer wrapped in a MemoryManager, and returns the receive's ValueTask.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Listeners;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
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

internal sealed class ProtocolSniffer(IoRing ring)
{
    public unsafe ValueTask<int> PeekAsync(int socket, CancellationToken ct)
    {
        byte* head = stackalloc byte[16];
        var memory = new PointerMemory(head, 16);
        return ring.ReceiveAsync(socket, /*~ASYS1004*/memory.Memory, MessageFlags.Peek, ct);
    }
}
