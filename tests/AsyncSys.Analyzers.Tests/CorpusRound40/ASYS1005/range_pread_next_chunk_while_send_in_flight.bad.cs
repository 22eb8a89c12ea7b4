// A range response overlaps disk and network with one pooled buffer: the next chunk is read with pread into the buffer while the previous chunk's send of it is still in flight, and a failed read leaves through the finally that returns the buffer with that send running.
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
        ValueTask<int> sending = default;
        bool inFlight = false;
        long offset = from;
        try
        {
            while (offset <= to)
            {
                int want = (int)Math.Min(ChunkSize, to - offset + 1);
                nint n = await /*~ASYS1005*/Libc.PReadAsync(file, buffer.AsMemory(0, want), offset, ct);
                if (n <= 0)
                {
                    break;
                }

                if (inFlight)
                {
                    await sending;
                }

                sending = ring.SendAsync(socket, buffer.AsMemory(0, (int)n), MessageFlags.NoSignal, ct);
                inFlight = true;
                offset += n;
            }

            if (inFlight)
            {
                inFlight = false;
                await sending;
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }

        return offset - from;
    }
}
