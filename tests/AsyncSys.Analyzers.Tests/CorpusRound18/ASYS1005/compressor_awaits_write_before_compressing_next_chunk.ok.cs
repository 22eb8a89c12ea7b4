// The log archiver made right: the next chunk is read while the write runs (a different array), but compressed into the
// output array only after the write of the previous chunk has been awaited, which happens on every way out of the read.
using System;
using System.Buffers;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.CompressorAwaitsWrite;

public sealed class ChunkArchiver(IoRing ring, int sourceFd, int archiveFd)
{
    public async Task<long> ArchiveAsync(CancellationToken ct)
    {
        byte[] input = ArrayPool<byte>.Shared.Rent(64 * 1024);
        byte[] output = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(64 * 1024));
        long readOffset = 0, writeOffset = 0;
        try
        {
            int n = await ring.ReadAsync(sourceFd, input, readOffset, ct);
            if (n <= 0 || !BrotliEncoder.TryCompress(input.AsSpan(0, n), output, out int written))
            {
                return 0;
            }

            while (n > 0)
            {
                readOffset += n;
                ValueTask write = ring.WriteAsync(archiveFd, output.AsMemory(0, written), writeOffset, ct);
                writeOffset += written;
                try
                {
                    n = await ring.ReadAsync(sourceFd, input, readOffset, ct);
                }
                finally
                {
                    await write;
                }

                if (n > 0 && !BrotliEncoder.TryCompress(input.AsSpan(0, n), output, out written))
                {
                    throw new InvalidOperationException("chunk did not fit the compression buffer");
                }
            }

            return writeOffset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }
}
