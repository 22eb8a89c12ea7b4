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

internal static class Probe
{
    private static unsafe Memory<byte> AsMemory(nint pointer, int length) => new PointerMemoryManager((byte*)pointer, length).Memory;

    private static unsafe nint Allocate(int length) => (nint)NativeMemory.Alloc((nuint)length);

    private static unsafe void Free(nint pointer) => NativeMemory.Free((void*)pointer);

    public static async ValueTask<int> PeekAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        nint peek = Allocate(1);
        try
        {
            return await ring.ReceiveAsync(socket, AsMemory(peek, 1), MessageFlags.Peek, cancellationToken);
        }
        finally
        {
            Free(peek);
        }
    }
}
