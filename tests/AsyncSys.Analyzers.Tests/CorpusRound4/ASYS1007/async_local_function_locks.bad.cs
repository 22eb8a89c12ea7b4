using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.LocalFunction;

internal static partial class Libc
{
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal static class Exclusive
{
    public static async Task<T> RunLockedAsync<T>(int fd, Func<Task<T>> body)
    {
        await Lock();
        try
        {
            return await body();
        }
        finally
        {
            await Libc.FlockAsync(fd, Libc.LOCK_UN);
        }

        async Task Lock()
        {
            await Task.Yield();
            if (/*~ASYS1007*/Libc.Flock(fd, Libc.LOCK_EX) != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "flock");
            }
        }
    }
}
