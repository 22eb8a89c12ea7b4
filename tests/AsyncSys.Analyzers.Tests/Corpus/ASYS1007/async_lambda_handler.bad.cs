// An async request handler lambda locks the file with the blocking flock wrapper.
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
        return /*~ASYS1007*/Libc.Flock(fd, 2) == 0;
    };
}
