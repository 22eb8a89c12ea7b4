using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.SyncLocal;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class Background
{
    public static async Task<int> SyncInPoolAsync(int fd)
    {
        int SyncNow() => Libc.Fsync(fd);   // not async itself: the caller chose a pool thread for it
        return await Task.Run(SyncNow);
    }
}
