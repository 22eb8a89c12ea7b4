// The Redis pipeline made right with two pooled buffers: while one buffer's send is in flight the next command is
// encoded into the other, the send is awaited, and only then are the buffers swapped. Each buffer is written only when
// no send reads it, and both go back to the pool after the last send has been awaited (encoding that throws leaves with
// every started send already awaited).
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.RespPipelineDoubleBuffer;

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
        if (commands.Count == 0) return 0;
        byte[] sending = ArrayPool<byte>.Shared.Rent(16 * 1024);
        byte[] filling = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int sent = 0;
            int length = RespEncoder.Encode(commands[0], sending);
            for (int i = 0; i < commands.Count; i++)
            {
                ValueTask<int> send = ring.SendAsync(fd, sending.AsMemory(0, length), MessageFlags.NoSignal, ct);
                int next;
                try
                {
                    next = i + 1 < commands.Count ? RespEncoder.Encode(commands[i + 1], filling) : 0;
                }
                finally
                {
                    sent += await send;
                }

                (sending, filling) = (filling, sending);
                length = next;
            }

            return sent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sending);
            ArrayPool<byte>.Shared.Return(filling);
        }
    }
}
