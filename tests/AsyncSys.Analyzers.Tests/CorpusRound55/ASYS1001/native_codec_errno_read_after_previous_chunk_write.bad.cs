// A log shipper compresses each chunk with a native zlib-style codec binding that reports failure as -1 with errno set; it first awaits the ring write of the previous chunk's output (to keep one write in flight), and only then looks at the codec's result and reads errno, which by now belongs to whatever ran on the thread the method resumed on.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.CodecErrnoBad;

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
            int produced = CompressChunk(chunks[i].Span, output);
            await previous.ConfigureAwait(false);
            if (produced < 0)
            {
                throw new InvalidOperationException($"chunk {i} did not compress: errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
            }

            previous = ring.WriteAsync(outputFd, output.AsMemory(0, produced), _offset, ct);
            _offset += produced;
        }

        await previous.ConfigureAwait(false);
    }

    private static unsafe int CompressChunk(ReadOnlySpan<byte> source, byte[] output)
    {
        fixed (byte* src = source)
        fixed (byte* dst = output)
        {
            return Codec.Compress(src, source.Length, dst, output.Length);
        }
    }
}
