// An async method names the wrapper with nameof and passes it as a method group: neither calls it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal static class Names
{
    public static async Task<int> SyncAsync(int fd, CancellationToken cancellationToken)
    {
        int rc = await Libc.FsyncAsync(fd, cancellationToken);
        if (rc < 0)
        {
            throw new InvalidOperationException(nameof(Libc.Fsync) + " failed");
        }

        Func<int, int> fallback = Libc.Fdatasync;
        return fallback.Method.Name.Length;
    }
}
