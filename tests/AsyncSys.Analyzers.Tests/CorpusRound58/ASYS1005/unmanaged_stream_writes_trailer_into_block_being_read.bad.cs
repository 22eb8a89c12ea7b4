// A segment loader reads a segment into a native block through a MemoryManager over the block, and stamps its trailer (sequence number) through an UnmanagedMemoryStream over the same pointer before awaiting the read: the kernel's write of the segment and the stream's write of the trailer race on the block's last bytes.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.UnmanagedStreamTrailerBad;

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
        using (UnmanagedMemoryStream trailer = Native.Stream(_block, SegmentSize))
        {
            trailer.Position = SegmentSize - sizeof(long);
            /*~ASYS1005*/trailer.Write(BitConverter.GetBytes(sequence));
        }

        await read;
        return sequence;
    }

    public void Dispose() => Native.Free(_block);
}
