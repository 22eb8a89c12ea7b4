// The local function awaits the generated read variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Read(int fd, Span<byte> buffer, nuint count);
}

internal static class PipeDrain
{
    public static Task<long> DrainAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        return Drain();

        async Task<long> Drain()
        {
            byte[] buffer = new byte[4096];
            long total = 0;
            while (true)
            {
                nint n = await Libc.ReadAsync(fd, buffer, cancellationToken);
                if (n <= 0)
                {
                    return total;
                }

                total += n;
            }
        }
    }
}
