// ftruncate's errno is matched with an `is ... or ...` pattern after an awaited notification.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);
}

internal sealed class Segment(int fd, Func<long, Task> onResize)
{
    public async Task<bool> TryShrinkAsync(long length)
    {
        int rc = Native.Ftruncate(fd, length);
        await onResize(length).ConfigureAwait(false);
        if (rc == -1 && /*~ASYS1001*/Marshal.GetLastPInvokeError() is Errno.EINVAL or Errno.EPERM)
        {
            return false;
        }

        return rc == 0;
    }
}
