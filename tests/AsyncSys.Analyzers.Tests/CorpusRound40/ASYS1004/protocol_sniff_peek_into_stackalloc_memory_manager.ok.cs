// A listener sniffs whether a new connection speaks TLS or plain HTTP by peeking its first bytes into native memory the sniffer owns (freed in Dispose, after every peek was awaited), wrapped in a MemoryManager.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
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

internal sealed unsafe class ProtocolSniffer : IDisposable
{
    private readonly IoRing _ring;
    private readonly byte* _head;
    private readonly PointerMemory _memory;

    public ProtocolSniffer(IoRing ring)
    {
        _ring = ring;
        _head = (byte*)NativeMemory.Alloc(16);
        _memory = new PointerMemory(_head, 16);
    }

    public ValueTask<int> PeekAsync(int socket, CancellationToken ct) =>
        _ring.ReceiveAsync(socket, _memory.Memory, MessageFlags.Peek, ct);

    public void Dispose() => NativeMemory.Free(_head);
}
