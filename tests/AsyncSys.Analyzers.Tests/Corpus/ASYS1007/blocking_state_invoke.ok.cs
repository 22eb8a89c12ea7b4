// The wrapper called inside the static delegate that RunBlockingAsync runs on a worker.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int SyncFs(int fd);
}

internal static class FileSystem
{
    public static async Task<long> SyncAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        var result = await ring.RunBlockingAsync(fd, static (ref int state) => Libc.SyncFs(state), cancelHook: null, cancellationToken: cancellationToken);
        return result.ThrowIfFailed("syncfs");
    }
}
