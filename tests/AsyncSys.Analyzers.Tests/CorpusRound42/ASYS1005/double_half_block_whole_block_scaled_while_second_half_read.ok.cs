// A tile reader double-buffers inside one block: with the second half's pread in flight it scales the floats of the first half only, in place.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed class TileScaler(int fd)
{
    private const int Half = 64 * 1024;

    public async Task<double> ScaleTwoTilesAsync(long firstOffset, long secondOffset, float factor, CancellationToken ct)
    {
        byte[] block = ArrayPool<byte>.Shared.Rent(2 * Half);
        try
        {
            await Native.PReadAsync(fd, block.AsMemory(0, Half), firstOffset, ct);
            ValueTask<nint> second = Native.PReadAsync(fd, block.AsMemory(Half, Half), secondOffset, ct);
            Span<float> values = MemoryMarshal.Cast<byte, float>(block.AsSpan(0, Half));
            double sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= factor;
                sum += values[i];
            }

            await second;
            return sum;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
