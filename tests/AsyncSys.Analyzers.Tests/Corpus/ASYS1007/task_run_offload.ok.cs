// A synchronous lambda handed to Task.Run: the blocking call is offloaded on purpose.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal static class Locker
{
    public static async Task<bool> LockInBackgroundAsync(int fd)
    {
        int result = await Task.Run(() => Libc.Flock(fd, 2));
        return result == 0;
    }
}
