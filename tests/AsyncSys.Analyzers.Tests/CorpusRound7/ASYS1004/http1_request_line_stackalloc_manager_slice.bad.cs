using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.Http1RequestLine;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

/// <summary>An HTTP/1 server peeks at the request line into a small scratch area before choosing a handler.</summary>
internal sealed unsafe class RequestLinePeeker(IoRing ring)
{
    private const MessageFlags MSG_PEEK = MessageFlags.Peek;

    public ValueTask<int> PeekAsync(int socketFd, CancellationToken cancellationToken)
    {
        byte* scratch = stackalloc byte[512];
        var manager = new PointerMemoryManager(scratch, 512);
        Memory<byte> line = manager.Memory.Slice(0, 256);
        return ring.ReceiveAsync(socketFd, /*~ASYS1004*/line, MSG_PEEK, cancellationToken);   // the frame is gone when the bytes arrive
    }
}
