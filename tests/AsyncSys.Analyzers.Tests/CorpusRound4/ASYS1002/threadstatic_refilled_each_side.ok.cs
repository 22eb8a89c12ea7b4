using System;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.Refilled;

internal static class Framing
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    // Each use takes the current thread's scratch and is done with it before any await.
    private static byte[] Scratch => t_scratch ??= new byte[64];

    private static byte[] Header(int id)
    {
        byte[] scratch = Scratch;
        int n = Encoding.ASCII.GetBytes($"frame {id}\n", scratch);
        return scratch.AsSpan(0, n).ToArray();
    }

    public static async Task<string> SendAndDescribeAsync(IoRing ring, int fd, int id)
    {
        byte[] header = Header(id);
        int sent = await ring.SendAsync(fd, header);
        byte[] scratch = Scratch;
        int n = Encoding.ASCII.GetBytes($"sent {sent}", scratch);
        return Encoding.ASCII.GetString(scratch, 0, n);
    }
}
