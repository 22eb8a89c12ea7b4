using System;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.Scratch;

internal static class LengthPrefix
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    public static async Task<int> ReadLengthPrefixAsync(IoRing ring, int fd, long offset)
    {
        t_scratch ??= new byte[4];
        int n = await ring.ReadAsync(fd, t_scratch, offset);
        return n == 4 ? BinaryPrimitives.ReadInt32LittleEndian(/*~ASYS1002*/t_scratch) : -1;   // this thread's array, not the one read into
    }
}
