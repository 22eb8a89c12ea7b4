// An O_DIRECT scanner reads through one aligned native region (NativeMemory.AlignedAlloc behind a MemoryManager) split into a front and a back half: it starts the read of the next block into the back half and, to hand the parser clean memory, clears the whole region (both halves) before awaiting that read.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.AlignedRegionBad;

internal sealed unsafe class AlignedRegion : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public AlignedRegion(int length)
    {
        _pointer = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)length, 4096);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => System.Runtime.InteropServices.NativeMemory.AlignedFree(_pointer);
}

internal sealed class DirectScanner(IoRing ring, int fd, Action<ReadOnlyMemory<byte>> parse) : IDisposable
{
    private const int Half = 1 << 20;
    private readonly AlignedRegion _region = new(2 * Half);

    public void Dispose() => ((IDisposable)_region).Dispose();

    public async Task ScanAsync(long blocks, CancellationToken ct)
    {
        Memory<byte> memory = _region.Memory;
        Memory<byte> front = memory.Slice(0, Half);
        Memory<byte> back = memory.Slice(Half, Half);

        int filled = await ring.ReadAsync(fd, front, 0, ct).ConfigureAwait(false);
        for (long block = 1; block < blocks && filled > 0; block++)
        {
            ValueTask<int> next = ring.ReadAsync(fd, back, block * Half, ct);
            parse(front[..filled]);
            /*~ASYS1005*/memory.Span.Clear();
            int nextFilled = await next.ConfigureAwait(false);
            back[..nextFilled].CopyTo(front);
            filled = nextFilled;
        }
    }
}
