// A snapshot grain ships its memory-mapped state file to a replica: it maps a read view, takes the view's pointer with SafeBuffer.AcquirePointer, starts a send over a Memory made from that pointer and returns the send's task, but its finally releases the pointer and disposes the view (unmapping it) as the method returns, while the kernel still reads the mapped pages.
using System;
using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.MappedViewBad;

/// <summary>A Memory over native memory the caller keeps alive.</summary>
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

internal sealed unsafe class SnapshotGrain(IoRing ring, int replicaSocket, MemoryMappedFile state)
{
    public Task<int> ShipAsync(int length, CancellationToken ct)
    {
        MemoryMappedViewAccessor view = state.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            var pages = new PointerMemoryManager(pointer + view.PointerOffset, length);
            return ring.SendAsync(replicaSocket, pages.Memory, MessageFlags.None, ct).AsTask();
        }
        finally
        {
            /*~ASYS1005*/view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
        }
    }
}
