// A Redis pipeline encodes each command into a [ThreadStatic] scratch array (to avoid renting per command) and sends
// it. The array is taken once, before the loop: after the first send is awaited the loop runs on another thread, but
// keeps encoding into the first thread's array, which that thread's own pipelines are encoding into at the same time.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.RespPipelineThreadStaticScratch;

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
    [ThreadStatic] private static byte[]? t_encodeBuffer;

    public async Task<int> FlushAsync(IReadOnlyList<string[]> commands, CancellationToken ct)
    {
        byte[] scratch = t_encodeBuffer ??= new byte[16 * 1024];
        int sent = 0;
        foreach (string[] command in commands)
        {
            int length = RespEncoder.Encode(command, /*~ASYS1002*/scratch);
            sent += await ring.SendAsync(fd, scratch.AsMemory(0, length), MessageFlags.None, ct);
        }

        return sent;
    }
}
