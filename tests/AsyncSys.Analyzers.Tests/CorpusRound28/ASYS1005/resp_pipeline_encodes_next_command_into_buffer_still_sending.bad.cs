// A Redis pipeline overlaps encoding with sending: it keeps the previous command's send in flight while it encodes
// the next command, but into the same pooled buffer the previous send is still reading. The kernel may copy the
// half-overwritten bytes into the socket: the server receives a corrupted command stream and the pipeline's replies
// no longer match its commands. If encoding throws (a command larger than the buffer), the finally hands the buffer
// back to the pool while that send is still reading it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.RespPipelineSameBuffer;

internal static class RespEncoder
{
    public static int Encode(string[] parts, byte[] destination)
    {
        int at = Encoding.ASCII.GetBytes("*" + parts.Length + "\r\n", destination);
        foreach (string part in parts)
        {
            at += Encoding.ASCII.GetBytes("$" + Encoding.UTF8.GetByteCount(part) + "\r\n", destination.AsSpan(at));
            at += Encoding.UTF8.GetBytes(part, destination.AsSpan(at));
            destination[at++] = (byte)'\r';
            destination[at++] = (byte)'\n';
        }

        return at;
    }
}

public sealed class RedisPipeline(IoRing ring, int fd)
{
    public async Task<int> FlushAsync(IReadOnlyList<string[]> commands, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            ValueTask<int> previous = default;
            bool hasPrevious = false;
            int sent = 0;
            foreach (string[] command in commands)
            {
                /*~ASYS1005*/int length = RespEncoder.Encode(command, buffer);
                if (hasPrevious)
                {
                    sent += await previous;
                }

                previous = ring.SendAsync(fd, buffer.AsMemory(0, length), MessageFlags.NoSignal, ct);
                hasPrevious = true;
            }

            if (hasPrevious)
            {
                sent += await previous;
            }

            return sent;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
