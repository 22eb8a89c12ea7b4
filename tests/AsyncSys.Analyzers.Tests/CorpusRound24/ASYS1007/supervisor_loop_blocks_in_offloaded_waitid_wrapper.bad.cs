// A process supervisor's async monitor loop reaps each child with its blocking waitid wrapper (declared for offloading,
// so a ...Async variant exists) between awaited restarts. Each call blocks a pool thread until a child exits: with a few
// supervised services the pool is exhausted and the supervisor's health endpoint stops answering.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.Blocking.SupervisorWaitid;

internal static class Native
{
    internal const int P_PIDFD = 3, WEXITED = 4;

    [DllImport("libc", EntryPoint = "waitid", SetLastError = true)]
    internal static extern int WaitId(int idtype, int id, byte[] siginfo, int options);
}

public static partial class Children
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitExit(int pidfd, byte[] siginfo) => Native.WaitId(Native.P_PIDFD, pidfd, siginfo, Native.WEXITED);
}

public sealed class Supervisor(System.Func<CancellationToken, Task<int>> startChild)
{
    public async Task MonitorAsync(CancellationToken ct)
    {
        var siginfo = new byte[128];
        while (!ct.IsCancellationRequested)
        {
            int pidfd = await startChild(ct);
            try
            {
                /*~ASYS1007*/Children.WaitExit(pidfd, siginfo);
            }
            finally
            {
                await IoRing.Shared.CloseAsync(pidfd, ct);
            }
        }
    }
}
