// The checksum reader owns one native scratch block per reader instance (a reader runs one checksum at a time), so the block read into is the block checksummed after the await, whatever thread the continuation runs on.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.ThreadStaticNativeScratchOk;

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

    private readonly nint _scratch = Native.Alloc(ScratchSize);

    public async Task<uint> ChecksumAsync(long offset, CancellationToken ct)
    {
        int read = await ring.ReadAsync(fd, Native.View(_scratch, ScratchSize), offset, ct);
        return Adler(Native.View(_scratch, read).Span);
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
