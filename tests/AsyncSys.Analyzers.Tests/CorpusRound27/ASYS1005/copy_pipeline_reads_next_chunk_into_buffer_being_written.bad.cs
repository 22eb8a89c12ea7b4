// A copy tool overlaps I/O: it starts writing chunk i and, to keep the source disk busy, reads chunk i+1 before awaiting
// the write, but into the same pooled buffer: the read fills the array the write is still copying to the destination, so
// the copy gets pieces of the next chunk in place of this one (silent corruption: the sizes still match). And when that
// read fails, the finally hands the buffer back to the pool with the write still running.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.InFlight.CopyPipelineOneBuffer;

public sealed class OverlappedCopier(IoRing ring)
{
    public async Task<long> CopyAsync(SafeFileHandle source, SafeFileHandle destination, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(source, buffer, 0, ct);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(destination, buffer.AsMemory(0, n), offset, ct);
                long nextOffset = offset + n;
                /*~ASYS1005*/n = await ring.ReadAsync(source, buffer, nextOffset, ct);
                await write;
                offset = nextOffset;
            }

            await ring.FsyncAsync(destination, ct);
            return offset;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
