// The O_DIRECT reader awaits the ring read inside the using scope and copies the sectors out: the aligned block is freed only after the kernel has finished with it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.AlignedBlockUsingOk;

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

    public async ValueTask<byte[]> ReadSectorsAsync(int count, long offset, CancellationToken ct)
    {
        using var block = new AlignedBlock(count * Sector, Sector);
        int read = await ring.ReadAsync(fd, block.Memory, offset, ct);
        return block.Memory.Slice(0, read).ToArray();
    }
}
