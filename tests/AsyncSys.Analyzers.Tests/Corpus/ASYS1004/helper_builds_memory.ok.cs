// The helper wraps native memory the caller frees after awaiting.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
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

internal static unsafe class Probe
{
    private static Memory<byte> AsMemory(byte* pointer, int length) => new PointerMemoryManager(pointer, length).Memory;

    public static async ValueTask<int> PeekAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        byte* peek = (byte*)NativeMemory.Alloc(1);
        try
        {
            return await ring.RecvAsync(socket, AsMemory(peek, 1), 2, cancellationToken);
        }
        finally
        {
            NativeMemory.Free(peek);
        }
    }
}
