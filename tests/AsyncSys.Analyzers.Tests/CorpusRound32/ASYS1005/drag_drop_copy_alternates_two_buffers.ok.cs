// The drag-and-drop copy made right: two buffers alternate, so the next chunk is read into the buffer no write is
// using; the swap happens after the pending write was awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.InFlight.DragDropCopyTwoBuffers;

public sealed class DropCopier(IoRing ring, IProgress<long> progress)
{
    public async Task<long> CopyAsync(int source, int destination, CancellationToken ct)
    {
        byte[] current = new byte[64 * 1024];
        byte[] spare = new byte[64 * 1024];
        long offset = 0;
        int n = await ring.ReadAsync(source, current, offset, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(destination, current.AsMemory(0, n), offset, ct);
            offset += n;
            int next = await ring.ReadAsync(source, spare, offset, ct);
            await write;
            progress.Report(offset);
            (current, spare) = (spare, current);
            n = next;
        }

        return offset;
    }
}
