// The thumbnail service made right: the request handler reads its [ThreadStatic] request class on its own thread and
// passes the niceness to the offloaded wrapper as an argument.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.ThumbnailNicenessArgument;

internal static class Native
{
    internal const int PRIO_PROCESS = 0;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    internal static extern int SetPriority(int which, int who, int priority);
}

public static partial class ThumbnailChildren
{
    [ThreadStatic]
    private static int t_requestNiceness;

    public static void EnterBackgroundRequest() => t_requestNiceness = 15;

    public static ValueTask<int> DeprioritizeForThisRequestAsync(int pid, CancellationToken ct) =>
        DeprioritizeAsync(pid, t_requestNiceness > 0 ? t_requestNiceness : 5, ct);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Deprioritize(int pid, int niceness) => Native.SetPriority(Native.PRIO_PROCESS, pid, niceness);
}
