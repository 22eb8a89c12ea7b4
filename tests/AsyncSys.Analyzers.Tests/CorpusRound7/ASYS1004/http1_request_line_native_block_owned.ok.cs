using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.Http1RequestLineOk;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

/// <summary>An HTTP/1 server peeks at the request line into a native scratch block the connection owns until it closes.</summary>
internal sealed unsafe class RequestLinePeeker : IDisposable
{
    private const MessageFlags MSG_PEEK = MessageFlags.Peek;
    private readonly IoRing _ring;
    private readonly byte* _scratch;
    private readonly PointerMemoryManager _manager;

    public RequestLinePeeker(IoRing ring)
    {
        _ring = ring;
        _scratch = (byte*)NativeMemory.Alloc(512);
        _manager = new PointerMemoryManager(_scratch, 512);
    }

    public ValueTask<int> PeekAsync(int socketFd, CancellationToken cancellationToken)
    {
        Memory<byte> line = _manager.Memory.Slice(0, 256);
        return _ring.ReceiveAsync(socketFd, line, MSG_PEEK, cancellationToken);
    }

    public void Dispose() => NativeMemory.Free(_scratch);   // the connection awaits its last peek before disposing
}
