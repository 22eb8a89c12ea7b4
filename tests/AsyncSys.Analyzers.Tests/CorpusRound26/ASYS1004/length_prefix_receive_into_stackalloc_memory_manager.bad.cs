// A length-prefixed protocol reader wants the 4-byte prefix without allocating: it wraps stackalloc memory in a pointer
// MemoryManager and returns the ring receive's task. The method's frame is gone as soon as it returns, while the kernel
// is still to write the prefix there: it lands in whatever the caller's next frames put on the stack.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.PrefixReceiveStackalloc;

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

public sealed class LengthPrefixReader(IoRing ring, int socketFd)
{
    public unsafe ValueTask<int> ReceivePrefixAsync(CancellationToken ct)
    {
        byte* prefix = stackalloc byte[4];
        var manager = new PointerMemoryManager(prefix, 4);
        return ring.ReceiveAsync(socketFd, /*~ASYS1004*/manager.Memory, MessageFlags.WaitAll, ct);
    }
}
