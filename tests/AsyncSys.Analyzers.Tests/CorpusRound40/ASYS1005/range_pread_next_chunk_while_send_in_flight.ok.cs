// A range response with one pooled buffer awaits the previous chunk's send before it reads the next chunk into the buffer with pread, so the finally returns a buffer nothing uses.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace RangeResponses;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class RangeSender(IoRing ring)
{
    private const int ChunkSize = 64 * 1024;

    public async Task<long> SendRangeAsync(int socket, int file, long from, long to, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long offset = from;
        try
        {
            while (offset <= to)
            {
                int want = (int)Math.Min(ChunkSize, to - offset + 1);
                nint n = await Libc.PReadAsync(file, buffer.AsMemory(0, want), offset, ct);
                if (n <= 0)
                {
                    break;
                }

                await ring.SendAsync(socket, buffer.AsMemory(0, (int)n), MessageFlags.NoSignal, ct);
                offset += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return offset - from;
    }
}
