// The copy loop awaits the generated pread variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

internal static class Copy
{
    public static async Task<long> CopyAsync(IoRing ring, int from, int to, CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[128 * 1024];
        long offset = 0;
        while (true)
        {
            nint n = await Libc.PReadAsync(from, chunk, offset, cancellationToken);
            if (n <= 0)
            {
                return offset;
            }

            await ring.WriteAsync(to, chunk.AsMemory(0, (int)n), offset, cancellationToken);
            offset += n;
        }
    }
}
