using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.DedicatedThread;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class Background
{
    // A thread of its own for a slow device: blocking it is the point.
    public static async Task<int> SyncOnOwnThreadAsync(int fd)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => done.SetResult(Libc.Fsync(fd))) { IsBackground = true, Name = "fsync-" + fd };
        thread.Start();
        return await done.Task;
    }
}
