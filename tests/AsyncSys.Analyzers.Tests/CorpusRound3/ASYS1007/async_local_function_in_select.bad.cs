using System.Collections.Generic;
using System.Linq;
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

public static class SyncAll
{
    public static Task SyncAllAsync(IEnumerable<int> fds)
    {
        return Task.WhenAll(fds.Select(SyncOne));

        static async Task SyncOne(int fd)
        {
            await Task.Yield();   // let WhenAll start every one before any blocks
            if (/*~ASYS1007*/Native.fsync(fd) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
            }
        }
    }
}
