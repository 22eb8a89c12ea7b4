// A journal writer stages each record header in Marshal.AllocHGlobal memory (a native block, as its old P/Invoke path did) and writes it through a MemoryManager over that block. It frees the block as soon as the body write is started, before awaiting the header write: the kernel may read freed native memory, reused by the next AllocHGlobal.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.HGlobalHeaderBad;

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

internal sealed class JournalWriter(IoRing ring, int fd)
{
    private const int HeaderSize = 16;
    private long _tail;

    public async Task AppendAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        nint header = Marshal.AllocHGlobal(HeaderSize);
        Memory<byte> view = MakeView(header);
        BinaryPrimitives.WriteInt64LittleEndian(view.Span, _tail);
        BinaryPrimitives.WriteInt64LittleEndian(view.Span.Slice(8), body.Length);
        ValueTask headerWrite = ring.WriteAsync(fd, view, _tail, ct);
        ValueTask bodyWrite = ring.WriteAsync(fd, body, _tail + HeaderSize, ct);
        _tail += HeaderSize + body.Length;
        /*~ASYS1005*/Marshal.FreeHGlobal(header);
        await headerWrite;
        await bodyWrite;
    }

    private static unsafe Memory<byte> MakeView(nint address) => new NativeView((byte*)address, HeaderSize).Memory;
}
