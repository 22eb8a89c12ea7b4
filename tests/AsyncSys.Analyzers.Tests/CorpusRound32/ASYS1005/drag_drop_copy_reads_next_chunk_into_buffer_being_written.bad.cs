// A drag-and-drop copy overlaps reading and writing: it starts writing a chunk and, before awaiting that write, reads
// the next chunk into the same buffer. The kernel fills the buffer the pending write is still reading, so the copy
// gets pieces of the next chunk where this one belonged.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.DragDropCopySameBuffer;

public sealed class DropCopier(IoRing ring, IProgress<long> progress)
{
    public async Task<long> CopyAsync(int source, int destination, CancellationToken ct)
    {
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        int n = await ring.ReadAsync(source, chunk, offset, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(destination, chunk.AsMemory(0, n), offset, ct);
            offset += n;
            int next = await /*~ASYS1005*/ring.ReadAsync(source, chunk, offset, ct);
            await write;
            progress.Report(offset);
            n = next;
        }

        return offset;
    }
}
