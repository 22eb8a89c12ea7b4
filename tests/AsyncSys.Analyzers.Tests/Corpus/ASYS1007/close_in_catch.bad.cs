// The error path of an async open closes the descriptor with the blocking close wrapper.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Close(int fd);
}

internal static class Store
{
    public static async Task<int> OpenVerifiedAsync(IoRing ring, string path, Func<int, Task> verify, CancellationToken cancellationToken)
    {
        int fd = await ring.OpenAtAsync(IoRing.AtCurrentDirectory, path, 0, 0, cancellationToken);
        try
        {
            await verify(fd);
            return fd;
        }
        catch
        {
            /*~ASYS1007*/Libc.Close(fd);
            throw;
        }
    }
}
