// A log shipper subscribes an async lambda to FileSystemWatcher.Renamed; when the application rotates its log, the handler ships what is left and then truncates its spool file with the blocking ftruncate wrapper.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Blocking.RenamedHandlerFtruncate;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

public sealed class SpoolOnRotate : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public SpoolOnRotate(string logDirectory, int spoolFd, Func<CancellationToken, Task> shipRemaining)
    {
        _watcher = new FileSystemWatcher(logDirectory, "*.log");
        _watcher.Renamed += async (sender, e) =>
        {
            await shipRemaining(CancellationToken.None);
            /*~ASYS1007*/Libc.Ftruncate(spoolFd, 0);
            await Libc.FsyncAsync(spoolFd);
        };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();
}
