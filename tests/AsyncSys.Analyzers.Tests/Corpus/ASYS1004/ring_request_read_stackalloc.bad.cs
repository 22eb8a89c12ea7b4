// A RingRequest.Read over stack memory is submitted and the task returned to the caller.
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

internal static unsafe class Counter
{
    public static ValueTask<int> ReadCounterAsync(IoRing ring, int eventFd, CancellationToken cancellationToken)
    {
        byte* value = stackalloc byte[8];
        Memory<byte> memory = new PointerMemoryManager(value, 8).Memory;
        return ring.SubmitAsync(RingRequest.Read(eventFd, /*~ASYS1004*/memory, 0), cancellationToken);
    }
}
