// A Redis-style client rents a scratch array per call, receives the reply into it, parses it after the await and
// returns it: no other command can take the same array while this receive is pending, whatever thread resumes it.
using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.PerThread.RedisRentedScratch;

public sealed class ReplyReader(IoRing ring)
{
    public async Task<string> ReadSimpleStringAsync(int fd, CancellationToken ct)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n = await ring.ReceiveAsync(fd, scratch, MessageFlags.None, ct);
            if (n <= 0)
            {
                throw new EndOfStreamException();
            }

            return ParseSimpleString(scratch, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
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
