// The overlapped copy done right: the next chunk is read into the other buffer while the write drains this one, the
// write is awaited on every way out of the read (also when the read throws), and the two buffers swap roles only then.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.InFlight.CopyPipelineTwoBuffers;

public sealed class OverlappedCopier(IoRing ring)
{
    public async Task<long> CopyAsync(SafeFileHandle source, SafeFileHandle destination, CancellationToken ct)
    {
        byte[] front = ArrayPool<byte>.Shared.Rent(256 * 1024);
        byte[] back = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long offset = 0;
            int n = await ring.ReadAsync(source, front, 0, ct);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(destination, front.AsMemory(0, n), offset, ct);
                int next;
                try
                {
                    next = await ring.ReadAsync(source, back, offset + n, ct);
                }
                finally
                {
                    await write;
                }

                offset += n;
                n = next;
                (front, back) = (back, front);
            }

            await ring.FsyncAsync(destination, ct);
            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(front);
            ArrayPool<byte>.Shared.Return(back);
        }
    }
}
