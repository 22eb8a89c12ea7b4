// An O_DIRECT reader keeps its sector-aligned buffers in NativeMemory.AlignedAlloc blocks behind a MemoryManager whose Dispose calls AlignedFree. The method returns the ring read's ValueTask under a using declaration: the block is freed as the method returns, while the kernel still DMAs the sectors into it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.AlignedBlockUsingBad;

internal sealed unsafe class AlignedBlock : MemoryManager<byte>
{
    private byte* _address;
    private readonly int _length;

    public AlignedBlock(int length, int alignment)
    {
        _length = length;
        _address = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
    }

    public override Span<byte> GetSpan() => new(_address, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_address != null)
        {
            NativeMemory.AlignedFree(_address);
            _address = null;
        }
    }
}

internal sealed class DirectReader(IoRing ring, int fd)
{
    private const int Sector = 4096;

    public ValueTask<int> ReadSectorsAsync(int count, long offset, CancellationToken ct)
    {
        /*~ASYS1005*/using var block = new AlignedBlock(count * Sector, Sector);
        return ring.ReadAsync(fd, block.Memory, offset, ct);
    }
}
