// The handler awaits the generated flock variant (it runs on a worker, not on the caller's thread).
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

internal static class Routes
{
    public static Func<int, Task<bool>> LockHandler() => async fd =>
    {
        await Task.Yield();
        return await Libc.FlockAsync(fd, 2) == 0;
    };
}
