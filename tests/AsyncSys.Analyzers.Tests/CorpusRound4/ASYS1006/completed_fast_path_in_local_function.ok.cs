using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.FastPath;

internal static class Drain
{
    public static async Task<long> DrainAsync(IoRing ring, int fd, Memory<byte> buffer)
    {
        long total = 0;
        while (true)
        {
            int n = await ReceiveSome();
            if (n <= 0)
            {
                return total;
            }

            total += n;
        }

        async ValueTask<int> ReceiveSome()
        {
            ValueTask<int> receive = ring.ReceiveAsync(fd, buffer);
            return receive.IsCompletedSuccessfully ? receive.Result : await receive;
        }
    }
}
