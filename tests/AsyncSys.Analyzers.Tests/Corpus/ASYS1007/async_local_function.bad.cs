// An async local function drains a pipe with the blocking read wrapper between awaits.
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
                await ring.PollAsync(fd, PollEvents.In, cancellationToken);
                nint n = /*~ASYS1007*/Libc.Read(fd, buffer, (nuint)buffer.Length);
                if (n <= 0)
                {
                    return total;
                }

                total += n;
            }
        }
    }
}
