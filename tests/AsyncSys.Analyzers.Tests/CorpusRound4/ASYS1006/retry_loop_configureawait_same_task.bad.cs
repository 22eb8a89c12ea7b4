using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.RetrySame;

internal static class Appender
{
    public static async Task<int> AppendAsync(IoRing ring, int fd, ReadOnlyMemory<byte> data, long offset)
    {
        ValueTask<int> write = ring.WriteAtMostAsync(fd, data, offset);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await /*~ASYS1006*/write.ConfigureAwait(false);   // the second attempt awaits the same operation again
            }
            catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
            {
                await Task.Delay(10 << attempt).ConfigureAwait(false);
            }
        }

        throw new TimeoutException("write kept failing with EAGAIN");
    }
}
