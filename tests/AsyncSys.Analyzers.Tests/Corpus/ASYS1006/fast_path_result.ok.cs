// Result is read only after IsCompletedSuccessfully; otherwise the task is handed to the slow path once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Fast
{
    public static ValueTask<int> ReadAsync(IoRing ring, int fd, Memory<byte> buffer, long offset)
    {
        ValueTask<int> read = ring.ReadAsync(fd, buffer, offset);
        if (read.IsCompletedSuccessfully)
        {
            return new ValueTask<int>(Math.Max(0, read.Result));
        }

        return Slow(read);

        static async ValueTask<int> Slow(ValueTask<int> pending) => Math.Max(0, await pending);
    }
}
