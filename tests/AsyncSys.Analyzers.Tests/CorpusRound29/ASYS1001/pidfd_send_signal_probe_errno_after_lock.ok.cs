// A job table probes whether a child still exists with pidfd_send_signal(pidfd, 0) under the table's lock, and outside
// the lock tells ESRCH (exited, not yet reaped by us) from other failures. Only the lock's exit runs between the call and
// the errno read; it makes no P/Invoke that sets the saved error.
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Round29.Errno.PidfdProbeAfterLock;

internal static class Native
{
    internal const long SYS_pidfd_send_signal = 424;
    internal const int ESRCH = 3;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int PidfdSendSignal(long number, int pidfd, int signal, nint info, uint flags);
}

public sealed class JobTable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, int> _pidfdByJob = new();

    public bool IsAlive(int job)
    {
        int rc;
        lock (_gate)
        {
            if (!_pidfdByJob.TryGetValue(job, out int pidfd))
            {
                return false;
            }

            rc = Native.PidfdSendSignal(Native.SYS_pidfd_send_signal, pidfd, 0, 0, 0);
        }

        if (rc < 0 && Marshal.GetLastPInvokeError() == Native.ESRCH)
        {
            return false;
        }

        return rc == 0;
    }
}
