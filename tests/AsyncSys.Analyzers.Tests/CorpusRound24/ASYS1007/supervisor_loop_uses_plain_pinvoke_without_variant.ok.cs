// A supervisor's async loop checks a child without blocking (waitid with WNOHANG) through a plain P/Invoke that has no
// [AsyncSyscall] and so no async variant, after the pidfd was reported readable by the ring: the call returns at once,
// and there is no variant to await instead.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.Blocking.SupervisorWaitidNohang;

internal static class Native
{
    internal const int P_PIDFD = 3, WEXITED = 4, WNOHANG = 1;

    [DllImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static extern int WaitId(int idtype, int id, byte[] siginfo, int options);
}

public sealed class Supervisor(IoRing ring)
{
    public async Task<int> ReapAsync(int pidfd, CancellationToken ct)
    {
        var siginfo = new byte[128];
        await ring.PollAsync(pidfd, PollEvents.In, ct);
        int rc = Native.WaitId(Native.P_PIDFD, pidfd, siginfo, Native.WEXITED | Native.WNOHANG);
        await ring.CloseAsync(pidfd, ct);
        return rc;
    }
}
