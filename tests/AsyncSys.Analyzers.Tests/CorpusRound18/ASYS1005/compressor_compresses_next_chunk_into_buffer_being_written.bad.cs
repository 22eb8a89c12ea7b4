// A log archiver compresses a file chunk by chunk (read -> Brotli -> write). To overlap CPU and I/O it starts the write
// of the compressed chunk, reads and compresses the next chunk, and only then awaits the write. But it compresses into
// the same output array the write is still reading from: the archive gets the next chunk's bytes (or a mix of both) at
// the previous chunk's offset, and decompression fails on restore.
using System;
using System.Buffers;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.CompressorReusesOutput;

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
                bool compressed;
                try
                {
                    n = await ring.ReadAsync(sourceFd, input, readOffset, ct);
                    compressed = n > 0 && BrotliEncoder.TryCompress(input.AsSpan(0, n), /*~ASYS1005*/output, out written);
                }
                finally
                {
                    await write;
                }

                if (n > 0 && !compressed)
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
