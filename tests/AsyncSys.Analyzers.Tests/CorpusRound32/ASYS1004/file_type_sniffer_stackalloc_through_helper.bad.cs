// A file manager sniffs the magic bytes of a dropped file to pick an icon. The caller stackallocs 16 bytes and hands
// them to a helper that starts the ring read and returns its task; the caller returns that task too. Both frames are
// gone when the kernel writes the 16 bytes: it writes into whatever stack frame runs next on that thread.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Stack.SnifferStackallocHelper;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
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

public sealed class MagicSniffer(IoRing ring)
{
    public unsafe ValueTask<int> SniffAsync(int fd)
    {
        byte* magic = stackalloc byte[16];
        return StartRead(fd, /*~ASYS1004*/magic, 16);
    }

    private unsafe ValueTask<int> StartRead(int fd, byte* destination, int length)
        => ring.ReadAsync(fd, new PointerMemory(destination, length).Memory, 0);
}
