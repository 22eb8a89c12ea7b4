// A checksum reader keeps one native scratch block per thread in a [ThreadStatic] field (allocated on first use, never freed, as its synchronous version did). It reads into the block, awaits, and checksums t_scratch again after the await: the continuation may run on another thread, whose t_scratch is a different block (or not allocated yet), while this thread's block holds the data.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.ThreadStaticNativeScratchBad;

internal static unsafe class Native
{
    public static nint Alloc(int length) => (nint)NativeMemory.Alloc((nuint)length);

    public static Memory<byte> View(nint block, int length) => new NativeView((byte*)block, length).Memory;
}

internal sealed unsafe class NativeView(byte* address, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(address, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class ChecksumReader(IoRing ring, int fd)
{
    private const int ScratchSize = 64 * 1024;

    [ThreadStatic]
    private static nint t_scratch;

    public async Task<uint> ChecksumAsync(long offset, CancellationToken ct)
    {
        if (t_scratch == 0)
        {
            t_scratch = Native.Alloc(ScratchSize);
        }

        int read = await ring.ReadAsync(fd, Native.View(t_scratch, ScratchSize), offset, ct);
        return Adler(Native.View(/*~ASYS1002*/t_scratch, read).Span);
    }

    private static uint Adler(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (byte value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
