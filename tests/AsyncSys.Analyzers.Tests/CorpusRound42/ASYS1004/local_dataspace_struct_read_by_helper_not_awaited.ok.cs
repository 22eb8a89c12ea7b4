// A dataspace message (a local struct) is read by a helper that wraps its address in a MemoryManager and waits for the read before it returns.
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
    public DataspaceMessage ReadDataspace(long messageOffset)
    {
        DataspaceMessage message = default;
        int n = ReadInto(&message, messageOffset);
        if (n != sizeof(DataspaceMessage)) throw new InvalidOperationException("short dataspace message");
        return message;
    }

    private int ReadInto(DataspaceMessage* message, long offset)
    {
        var memory = new PointerMemory((byte*)message, sizeof(DataspaceMessage));
        return ring.ReadAsync(fd, memory.Memory, offset).AsTask().GetAwaiter().GetResult();
    }
}
