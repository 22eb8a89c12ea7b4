// A supervisor attaches to a service's main process with pidfd_open; when that fails it first awaits its status sink
// (the dashboard must show "attaching failed") and only then tells ESRCH (the process is already gone: restart it)
// from other errors. After the await the method may run on another thread and reads that thread's saved error.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round24.Errno.PidfdOpenAfterStatus;

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
            await status.WriteLineAsync($"attach {pid}: failed");
            return /*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.ESRCH ? 0 : -1;
        }

        return pidfd;
    }
}
