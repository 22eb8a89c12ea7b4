// The same RPC receive loop with a scratch array rented for the connection and returned when it ends: whichever thread
// the loop resumes on, the array is this connection's alone.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.PerThread.RpcConnectionScratch;

public sealed class RpcConnection(IoRing ring, int socketFd, Action<uint, ReadOnlyMemory<byte>> dispatch)
{
    public async Task RunAsync(CancellationToken ct)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int filled = 0;
            while (!ct.IsCancellationRequested)
            {
                int n = await ring.ReceiveAsync(socketFd, scratch.AsMemory(filled), MessageFlags.None, ct);
                if (n == 0)
                {
                    return;
                }

                filled = DispatchFrames(scratch, filled + n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private int DispatchFrames(byte[] buffer, int length)
    {
        int start = 0;
        while (length - start >= 8)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start));
            if (length - start < 8 + size)
            {
                break;
            }

            dispatch(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start + 4)), buffer.AsMemory(start + 8, size).ToArray());
            start += 8 + size;
        }

        buffer.AsSpan(start, length - start).CopyTo(buffer);
        return length - start;
    }
}
