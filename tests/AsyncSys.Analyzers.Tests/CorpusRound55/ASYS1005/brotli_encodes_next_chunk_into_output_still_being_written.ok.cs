// A response compressor rents one output array for a whole body, Brotli-encodes a chunk into it and starts the ring write of the compressed bytes; it awaits that write before the encoder writes the next chunk into the same array.
using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.BrotliOverlapOk;

internal sealed class CompressedBodyWriter(IoRing ring, int fd)
{
    public async Task<long> WriteAsync(ReadOnlyMemory<byte> body, int chunkSize, CancellationToken ct)
    {
        byte[] output = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(chunkSize));
        using var encoder = new BrotliEncoder(quality: 5, window: 22);
        long offset = 0;
        ValueTask write = ValueTask.CompletedTask;
        try
        {
            for (int start = 0; start < body.Length; start += chunkSize)
            {
                ReadOnlySpan<byte> chunk = body.Span.Slice(start, Math.Min(chunkSize, body.Length - start));
                bool last = start + chunk.Length >= body.Length;
                await write.ConfigureAwait(false);
                OperationStatus status = encoder.Compress(chunk, output, out _, out int produced, isFinalBlock: last);
                if (status != OperationStatus.Done)
                {
                    throw new InvalidDataException("brotli: " + status);
                }

                write = ring.WriteAsync(fd, output.AsMemory(0, produced), offset, ct);
                offset += produced;
            }

            await write.ConfigureAwait(false);
            return offset;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }
}
