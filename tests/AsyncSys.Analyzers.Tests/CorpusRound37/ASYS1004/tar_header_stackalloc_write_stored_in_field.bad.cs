// A tar writer builds each 512-byte ustar header in stackalloc memory, wraps it in a MemoryManager and starts the
// pwrite on the ring; the write's task is kept in a field and awaited before the next entry. The frame is gone by then:
// the kernel copies whatever later calls left on the stack, and the archive has a corrupt header.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.StackMemory.TarHeaderStackalloc;

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

public sealed unsafe class TarWriter(IoRing ring, int archiveFd)
{
    private ValueTask _pendingHeader;

    public void StartHeader(string name, long size, long offset, CancellationToken ct)
    {
        byte* header = stackalloc byte[512];
        var span = new Span<byte>(header, 512);
        span.Clear();
        Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(100, name.Length)), span);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0'), span[124..]);
        var memory = new PointerMemory(header, 512);
        _pendingHeader = ring.WriteAsync(archiveFd, /*~ASYS1004*/memory.Memory, offset, ct);
    }

    public ValueTask FinishHeader() => _pendingHeader;
}
