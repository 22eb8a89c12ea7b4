// The segment loader stamps the trailer through the UnmanagedMemoryStream only after the read into the block has been awaited.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.UnmanagedStreamTrailerOk;

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

internal static unsafe class Native
{
    public static nint Alloc(int length) => (nint)NativeMemory.Alloc((nuint)length);

    public static Memory<byte> View(nint block, int length) => new NativeView((byte*)block, length).Memory;

    public static UnmanagedMemoryStream Stream(nint block, int length) => new((byte*)block, length, length, FileAccess.Write);

    public static void Free(nint block) => NativeMemory.Free((void*)block);
}

internal sealed class SegmentLoader(IoRing ring, int fd) : IDisposable
{
    private const int SegmentSize = 64 * 1024;
    private readonly nint _block = Native.Alloc(SegmentSize);
    private long _sequence;

    public async Task<long> LoadAsync(long offset, CancellationToken ct)
    {
        Memory<byte> view = Native.View(_block, SegmentSize);
        ValueTask<int> read = ring.ReadAsync(fd, view, offset, ct);
        long sequence = ++_sequence;
        await read;
        using (UnmanagedMemoryStream trailer = Native.Stream(_block, SegmentSize))
        {
            trailer.Position = SegmentSize - sizeof(long);
            trailer.Write(BitConverter.GetBytes(sequence));
        }

        return sequence;
    }

    public void Dispose() => Native.Free(_block);
}
