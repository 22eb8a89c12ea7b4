// A helper turns the stack pointer into Memory<byte>; the memory is handed to the ring and the task returned.
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

internal static unsafe class Probe
{
    private static Memory<byte> AsMemory(byte* pointer, int length) => new PointerMemoryManager(pointer, length).Memory;

    public static ValueTask<int> PeekAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        byte* peek = stackalloc byte[1];
        return ring.ReceiveAsync(socket, /*~ASYS1004*/AsMemory(peek, 1), MessageFlags.Peek, cancellationToken);
    }
}
