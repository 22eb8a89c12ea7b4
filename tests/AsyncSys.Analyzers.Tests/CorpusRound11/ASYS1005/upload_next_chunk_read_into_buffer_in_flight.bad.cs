// An upload endpoint overlaps I/O by starting the ring write of one chunk and reading the next chunk from the request body into the same rented array before awaiting the write; a body read that throws also sends the array back to the pool with the write running.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.InFlight.UploadNextChunk;

public sealed class UploadWriter(IoRing ring)
{
    public async Task<long> SaveAsync(Stream body, SafeFileHandle file, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            long offset = 0;
            int n = await body.ReadAsync(buffer, cancellationToken);
            while (n > 0)
            {
                ValueTask write = ring.WriteAsync(file, buffer.AsMemory(0, n), offset, cancellationToken);
                offset += n;
                /*~ASYS1005*/n = await body.ReadAsync(buffer, cancellationToken);
                await write;
            }

            return offset;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
