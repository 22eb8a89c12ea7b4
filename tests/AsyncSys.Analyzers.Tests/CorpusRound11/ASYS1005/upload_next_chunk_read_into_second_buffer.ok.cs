// An upload endpoint overlaps I/O with two rented arrays: the ring writes one while the request body fills the other, the write is awaited even when the body read throws, and the arrays swap roles.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.InFlight.UploadNextChunkOk;

public sealed class UploadWriter(IoRing ring)
{
    public async Task<long> SaveAsync(Stream body, SafeFileHandle file, CancellationToken cancellationToken)
    {
        byte[] sending = ArrayPool<byte>.Shared.Rent(128 * 1024);
        byte[] filling = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            long offset = 0;
            int n = await body.ReadAsync(sending, cancellationToken);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(file, sending.AsMemory(0, n), offset, cancellationToken);
                offset += n;
                int next;
                try
                {
                    next = await body.ReadAsync(filling, cancellationToken);
                }
                finally
                {
                    await write;
                }

                (sending, filling) = (filling, sending);
                n = next;
            }

            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sending);
            ArrayPool<byte>.Shared.Return(filling);
        }
    }
}
