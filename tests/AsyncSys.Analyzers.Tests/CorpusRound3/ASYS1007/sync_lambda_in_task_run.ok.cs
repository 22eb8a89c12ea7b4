using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Sync;

public static partial class Native
{
    [LibraryImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static partial int fsync(int fd);
}

public static class Checkpoint
{
    public static async Task<int> SyncOffThreadAsync(int fd)
    {
        // the blocking call runs in a synchronous lambda on a pool thread, the caller's explicit choice
        int rc = await Task.Run(() => Native.fsync(fd) < 0 ? -Marshal.GetLastPInvokeError() : 0);
        return rc;
    }
}
