// ftruncate's errno is matched right after the call; the notification is awaited afterwards.
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
        bool refused = rc == -1 && Marshal.GetLastPInvokeError() is Errno.EINVAL or Errno.EPERM;
        await onResize(length).ConfigureAwait(false);
        return !refused && rc == 0;
    }
}
