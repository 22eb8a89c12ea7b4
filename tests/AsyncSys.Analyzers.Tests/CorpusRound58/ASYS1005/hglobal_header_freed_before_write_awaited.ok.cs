// The journal writer frees the native header block only after both writes have been awaited, in a finally so that a failed write still frees it after the kernel is done with it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.HGlobalHeaderOk;

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
        try
        {
            Memory<byte> view = MakeView(header);
            BinaryPrimitives.WriteInt64LittleEndian(view.Span, _tail);
            BinaryPrimitives.WriteInt64LittleEndian(view.Span.Slice(8), body.Length);
            await ring.WriteAsync(fd, view, _tail, ct);
            await ring.WriteAsync(fd, body, _tail + HeaderSize, ct);
            _tail += HeaderSize + body.Length;
        }
        finally
        {
            Marshal.FreeHGlobal(header);
        }
    }

    private static unsafe Memory<byte> MakeView(nint address) => new NativeView((byte*)address, HeaderSize).Memory;
}
