// A wrapper whose variant has a custom name is still called blocking from async code.
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
        /*~ASYS1007*/Disk.SyncFs(fd);
    }
}
