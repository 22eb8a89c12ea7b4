// The custom-named variant is awaited.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Disk
{
    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    [AsyncSyscall(MethodName = "FlushFileSystemAsync")]
    internal static partial int SyncFs(int fd);
}

internal static class Snapshot
{
    public static async Task TakeAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        await ring.FsyncAsync(fd, cancellationToken);
        await Disk.FlushFileSystemAsync(fd, cancellationToken);
    }
}
