// A log shipper compresses each chunk with a native zlib-style codec binding that reports failure as -1 with errno set; the helper that calls the codec saves errno right after the call and returns it with the result, so the check after awaiting the previous chunk's write reports the codec's own error.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.CodecErrnoOk;

internal static unsafe partial class Codec
{
    [LibraryImport("libzcodec", EntryPoint = "zc_compress", SetLastError = true)]
    internal static partial int Compress(byte* source, int sourceLength, byte* destination, int destinationLength);
}

internal sealed class ChunkShipper(IoRing ring, int outputFd)
{
    private readonly byte[] _even = new byte[128 * 1024];
    private readonly byte[] _odd = new byte[128 * 1024];
    private long _offset;

    public async Task ShipAsync(ReadOnlyMemory<byte>[] chunks, CancellationToken ct)
    {
        ValueTask previous = ValueTask.CompletedTask;
        for (int i = 0; i < chunks.Length; i++)
        {
            byte[] output = (i & 1) == 0 ? _even : _odd;
            (int produced, int errno) = CompressChunk(chunks[i].Span, output);
            await previous.ConfigureAwait(false);
            if (produced < 0)
            {
                throw new InvalidOperationException($"chunk {i} did not compress: errno {errno}");
            }

            previous = ring.WriteAsync(outputFd, output.AsMemory(0, produced), _offset, ct);
            _offset += produced;
        }

        await previous.ConfigureAwait(false);
    }

    private static unsafe (int Produced, int Errno) CompressChunk(ReadOnlySpan<byte> source, byte[] output)
    {
        fixed (byte* src = source)
        fixed (byte* dst = output)
        {
            int produced = Codec.Compress(src, source.Length, dst, output.Length);
            return (produced, produced < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }
}
