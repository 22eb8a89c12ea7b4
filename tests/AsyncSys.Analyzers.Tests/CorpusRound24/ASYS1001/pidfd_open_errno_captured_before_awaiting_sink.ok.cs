// The supervisor's attach made right: errno is read on the failure branch before the await, on the thread that made the
// call, and the value is carried across the await in a local.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round24.Errno.PidfdOpenAfterStatusOk;

internal static class Native
{
    internal const int ESRCH = 3;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int PidfdOpen(long number, int pid, uint flags);
}

public sealed class ServiceAttacher(TextWriter status)
{
    public async Task<int> AttachAsync(int pid)
    {
        int pidfd = Native.PidfdOpen(434, pid, 0);
        if (pidfd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            await status.WriteLineAsync($"attach {pid}: failed, errno {errno}");
            return errno == Native.ESRCH ? 0 : -1;
        }

        return pidfd;
    }
}
