using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.AsyncLambda;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ftruncate(int fd, long length);
}

internal static class Compactor
{
    public static Task CompactLaterAsync(int fd, long length, TimeSpan delay) => Task.Run(async () =>
    {
        await Task.Delay(delay);
        if (/*~ASYS1007*/Libc.Ftruncate(fd, length) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }
    });
}
