// The same job-control layer made right: the history is a ConcurrentQueue, the counter is incremented with Interlocked,
// and the last-signalled pid is a volatile int assigned (not read-modify-written). Each call's own result is a fresh
// record returned to the caller.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round29.SharedState.KillSignalHistoryAtomic;

public sealed record SignalSent(int Pid, int Signal, long At);

public static partial class JobSignals
{
    private static readonly ConcurrentQueue<SignalSent> s_history = new();
    private static volatile int s_lastSignalledPid;
    private static long s_sent;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Signal(int pid, int signal)
    {
        int rc = Kill(pid, signal);
        if (rc == 0)
        {
            var sent = new SignalSent(pid, signal, System.Environment.TickCount64);
            s_history.Enqueue(sent);
            s_lastSignalledPid = pid;
            Interlocked.Increment(ref s_sent);
        }

        return rc;
    }

    public static int LastSignalledPid => s_lastSignalledPid;

    public static long SentCount => Interlocked.Read(ref s_sent);
}
