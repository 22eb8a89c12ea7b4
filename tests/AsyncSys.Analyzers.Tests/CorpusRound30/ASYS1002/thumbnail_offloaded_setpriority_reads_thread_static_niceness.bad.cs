// A thumbnail service lowers the priority of each spawned ffmpeg child with setpriority, through an offloaded wrapper.
// The niceness comes from a [ThreadStatic] "current request class" that the request handler sets before calling the
// wrapper's async variant. The wrapper runs on an AsyncSys worker, whose field is unset or left by another request:
// background jobs run at full priority and starve the live transcodes, or interactive previews are niced to 19.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.PerThread.ThumbnailNicenessThreadStatic;

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

    private static int Niceness => t_requestNiceness > 0 ? t_requestNiceness : 5;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Deprioritize(int pid) => Native.SetPriority(Native.PRIO_PROCESS, pid, /*~ASYS1002*/Niceness);
}
