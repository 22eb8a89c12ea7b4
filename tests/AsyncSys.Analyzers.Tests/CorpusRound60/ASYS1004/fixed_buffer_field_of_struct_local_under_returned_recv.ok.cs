// The control-channel reader keeps the same fixed-size buffer struct, but in native memory it allocates once and frees on Dispose after the last receive: the address given to the recv is not in any frame.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.FixedBufferFieldOk;

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

internal sealed unsafe class ControlChannel(IoRing ring, int socket) : IDisposable
{
    private readonly ReplyScratch* _scratch = (ReplyScratch*)NativeMemory.AllocZeroed((nuint)sizeof(ReplyScratch));

    public ValueTask<int> ReceiveReply(int expected, CancellationToken ct)
    {
        _scratch->Expected = Math.Min(expected, 64);
        byte* data = _scratch->Data;
        var memory = new PointerMemory(data, _scratch->Expected);
        return ring.SubmitAsync(RingRequest.Recv(socket, memory.Memory, MessageFlags.None), ct);
    }

    public void Dispose() => NativeMemory.Free(_scratch);
}
