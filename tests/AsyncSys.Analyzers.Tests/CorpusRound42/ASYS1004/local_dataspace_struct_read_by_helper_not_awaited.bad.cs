// A dataspace message (a local struct) is read by a helper that wraps its address in a MemoryManager and returns the read's task without waiting for it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

[StructLayout(LayoutKind.Sequential)]
public struct DataspaceMessage
{
    public byte Version;
    public byte Rank;
    public ushort Flags;
    public long Dim0;
    public long Dim1;
    public long Dim2;
}

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class ObjectHeaderReader(IoRing ring, int fd)
{
    public ValueTask<int> BeginDataspace(long messageOffset)
    {
        DataspaceMessage message = default;
        return ReadInto(/*~ASYS1004*/&message, messageOffset);
    }

    private ValueTask<int> ReadInto(DataspaceMessage* message, long offset)
    {
        var memory = new PointerMemory((byte*)message, sizeof(DataspaceMessage));
        return ring.ReadAsync(fd, memory.Memory, offset);
    }
}
