// A control-channel reader keeps a small reply in a struct with a C# fixed-size buffer (fixed byte Data[64]) declared as a local; the buffer's address needs no fixed statement because the struct is on the stack. The reader wraps that address in a MemoryManager and returns the ring's recv: the reply lands in a frame that has already returned.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.FixedBufferFieldBad;

internal unsafe struct ReplyScratch
{
    public fixed byte Data[64];
    public int Expected;
}

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

internal sealed class ControlChannel(IoRing ring, int socket)
{
    public unsafe ValueTask<int> ReceiveReply(int expected, CancellationToken ct)
    {
        ReplyScratch scratch = default;
        scratch.Expected = Math.Min(expected, 64);
        byte* data = scratch.Data;
        var memory = new PointerMemory(data, scratch.Expected);
        return ring.SubmitAsync(RingRequest.Recv(socket, /*~ASYS1004*/memory.Memory, MessageFlags.None), ct);
    }
}
