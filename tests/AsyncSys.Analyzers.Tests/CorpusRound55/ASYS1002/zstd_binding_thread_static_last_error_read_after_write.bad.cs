// A zstd-style binding keeps the codec's last error code in a [ThreadStatic] field, as native codecs keep theirs per thread; a segment compactor compresses a segment, awaits the ring write of the previous segment, and only then reads the last error to explain a failed compression, from whatever thread the method resumed on.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.ZstdLastErrorBad;

internal static unsafe partial class Zstd
{
    /// <summary>The error code of the last failed call on this thread (ZSTD_getErrorCode of its result).</summary>
    [ThreadStatic]
    internal static int t_lastError;

    [LibraryImport("libzstd", EntryPoint = "ZSTD_compress")]
    private static partial nuint CompressNative(byte* destination, nuint capacity, byte* source, nuint length, int level);

    [LibraryImport("libzstd", EntryPoint = "ZSTD_isError")]
    private static partial uint IsError(nuint code);

    [LibraryImport("libzstd", EntryPoint = "ZSTD_getErrorCode")]
    private static partial int GetErrorCode(nuint code);

    /// <summary>Compresses into <paramref name="destination"/>; -1 on failure, with the reason in <see cref="t_lastError"/>.</summary>
    internal static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            nuint rc = CompressNative(dst, (nuint)destination.Length, src, (nuint)source.Length, level);
            if (IsError(rc) != 0)
            {
                t_lastError = GetErrorCode(rc);
                return -1;
            }

            return (int)rc;
        }
    }
}

internal sealed class SegmentCompactor(IoRing ring, int outputFd)
{
    private long _offset;

    public async Task CompactAsync(byte[][] segments, CancellationToken ct)
    {
        byte[] current = new byte[1 << 20];
        byte[] other = new byte[1 << 20];
        ValueTask pending = ValueTask.CompletedTask;
        foreach (byte[] segment in segments)
        {
            int produced = Zstd.Compress(segment, current, level: 3);
            await pending.ConfigureAwait(false);
            if (produced < 0)
            {
                throw new InvalidOperationException($"segment did not compress: zstd error {/*~ASYS1002*/Zstd.t_lastError}");
            }

            pending = ring.WriteAsync(outputFd, current.AsMemory(0, produced), _offset, ct);
            _offset += produced;
            (current, other) = (other, current);
        }

        await pending.ConfigureAwait(false);
    }
}
