using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.InFlight.WhenAnyTimeout;

internal static class TimedReads
{
    public static async Task<byte[]> ReadWithTimeoutAsync(IoRing ring, int fd, int length, TimeSpan timeout)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        Task<int> read = ring.ReadAsync(fd, rented.AsMemory(0, length), 0).AsTask();
        Task finished = await Task.WhenAny(read, Task.Delay(timeout));
        if (finished != read)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rented);   // the read has not ended: the kernel may still write here
            throw new TimeoutException();
        }

        int n = await read;
        byte[] result = rented.AsSpan(0, n).ToArray();
        ArrayPool<byte>.Shared.Return(rented);
        return result;
    }
}
