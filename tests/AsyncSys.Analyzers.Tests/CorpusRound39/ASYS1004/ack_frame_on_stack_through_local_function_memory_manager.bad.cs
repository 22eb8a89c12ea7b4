// A consumer acknowledges a partition offset with a small fixed-layout frame built on the stack, and a local function
// wraps the frame's address in a MemoryManager and starts the send, whose ValueTask the method returns. The method's
// frame (and the ack in it) is gone before the send reads it: the broker receives the bytes of whatever call came next,
// commits a wrong offset, and the consumer re-reads or skips messages after a restart.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.AckFrameLocalFunction;

internal sealed unsafe class PointerMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemoryManager(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct AckFrame
{
    public int Length;
    public short Kind;
    public int Partition;
    public long Offset;
}

public sealed class AckWriter(IoRing ring, int socket)
{
    public unsafe ValueTask<int> AckAsync(int partition, long offset, CancellationToken ct)
    {
        AckFrame frame = new() { Length = sizeof(AckFrame) - 4, Kind = 2, Partition = partition, Offset = offset };
        return Send(/*~ASYS1004*/(byte*)&frame, sizeof(AckFrame));

        ValueTask<int> Send(byte* bytes, int length)
        {
            var manager = new PointerMemoryManager(bytes, length);
            return ring.SendAsync(socket, manager.Memory, MessageFlags.None, ct);
        }
    }
}
