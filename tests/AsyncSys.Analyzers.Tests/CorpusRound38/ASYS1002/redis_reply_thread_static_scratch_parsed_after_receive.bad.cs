// A Redis-style client receives replies into a per-thread scratch array ([ThreadStatic], made lazily) to avoid renting.
// The array is taken before the receive's await and parsed after it: while this call waited, its first thread ran
// another command that took the same array and received its own reply into it, so this call parses (and returns) the
// other command's reply.
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.PerThread.RedisThreadStaticScratch;

public sealed class ReplyReader(IoRing ring)
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    public async Task<string> ReadSimpleStringAsync(int fd, CancellationToken ct)
    {
        byte[] scratch = t_scratch ??= new byte[16 * 1024];
        int n = await ring.ReceiveAsync(fd, scratch, MessageFlags.None, ct);
        if (n <= 0)
        {
            throw new EndOfStreamException();
        }

        return /*~ASYS1002*/ParseSimpleString(scratch, n);
    }

    private static string ParseSimpleString(byte[] reply, int length)
    {
        if (length < 3 || reply[0] != (byte)'+')
        {
            throw new InvalidDataException("not a simple string");
        }

        return Encoding.ASCII.GetString(reply, 1, length - 3);
    }
}
