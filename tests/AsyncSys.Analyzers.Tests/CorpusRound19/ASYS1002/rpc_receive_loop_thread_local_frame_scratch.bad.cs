// An RPC server's per-connection receive loop takes a thread-local 64 KiB scratch array once, then receives length-
// prefixed frames into it across awaits. After the first await the loop runs on some other thread, while the thread it
// started on serves another connection whose loop took the same array: two receives fill one buffer and frames of
// one client are dispatched as another's.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.PerThread.RpcThreadLocalScratch;

public sealed class RpcConnection(IoRing ring, int socketFd, Action<uint, ReadOnlyMemory<byte>> dispatch)
{
    private static readonly ThreadLocal<byte[]> s_frameScratch = new(() => new byte[64 * 1024]);

    public async Task RunAsync(CancellationToken ct)
    {
        byte[] scratch = s_frameScratch.Value!;
        int filled = 0;
        while (!ct.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(socketFd, scratch.AsMemory(filled), MessageFlags.None, ct);
            if (n == 0)
            {
                return;
            }

            filled = DispatchFrames(/*~ASYS1002*/scratch, filled + n);
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
