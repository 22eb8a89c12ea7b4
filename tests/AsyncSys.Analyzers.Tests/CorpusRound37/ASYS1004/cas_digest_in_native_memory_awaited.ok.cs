// A content-addressed cache writes a blob's 32-byte digest trailer from native memory wrapped in a MemoryManager,
// awaits the write and frees the memory in finally.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.StackMemory.CasDigestNative;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class DigestTrailer(IoRing ring)
{
    public async Task WriteAsync(int blobFd, byte[] digest, long offset, CancellationToken ct)
    {
        nint block = AllocateCopy(digest);
        try
        {
            await ring.WriteAsync(blobFd, Wrap(block), offset, ct);
        }
        finally
        {
            Free(block);
        }
    }

    private static unsafe nint AllocateCopy(byte[] digest)
    {
        byte* block = (byte*)NativeMemory.Alloc(32);
        digest.AsSpan(0, 32).CopyTo(new Span<byte>(block, 32));
        return (nint)block;
    }

    private static unsafe Memory<byte> Wrap(nint block) => new PointerMemory((byte*)block, 32).Memory;

    private static unsafe void Free(nint block) => NativeMemory.Free((void*)block);
}
