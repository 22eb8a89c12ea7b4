// A supervisor checks whether a child is still alive with pidfd_send_signal(pidfd, 0) under the lock that guards its
// table of children, and reads errno after the lock block: ESRCH means the child is gone and its entry is dropped.
// The only code between the call and the read is the lock's Monitor.Exit, which makes no P/Invoke and leaves the saved
// P/Invoke error alone: the errno read is pidfd_send_signal's on every path.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.ErrnoReads.SupervisorLivenessAfterLock;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "pidfd_send_signal", SetLastError = true)]
    internal static partial int PidfdSendSignal(int pidfd, int signal, nint info, uint flags);
}

public sealed record Child(string Name, int Pid, int PidFd);

public sealed class ChildTable
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Child> _children = new();

    public bool IsAlive(Child child)
    {
        int rc;
        lock (_gate)
        {
            if (!_children.ContainsKey(child.Pid)) return false;
            rc = Native.PidfdSendSignal(child.PidFd, 0, 0, 0);
        }

        if (rc == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == AsyncSys.Errno.ESRCH)
        {
            lock (_gate) { _children.Remove(child.Pid); }
            return false;
        }

        throw new ErrnoException(errno, "pidfd_send_signal", child.Name);
    }
}
