// Each tick thread of a SO_REUSEPORT game server records its core in a [ThreadStatic] field when it starts, and a
// wrapper steers the thread's socket to that core's receive queue (SO_INCOMING_CPU). The wrapper is offloaded (no ring
// opcode), so it runs on an AsyncSys worker whose t_core is 0: every socket is steered to core 0 and one core takes
// all the interrupts while the others idle.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.PerThread.IncomingCpuThreadStatic;

internal static unsafe partial class Native
{
    internal const int SOL_SOCKET = 1, SO_INCOMING_CPU = 49;

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);
}

public static partial class CoreSockets
{
    [System.ThreadStatic] private static int t_core;

    public static void EnterCore(int core) => t_core = core;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int SteerToCurrentCore(int fd)
    {
        int cpu = /*~ASYS1002*/t_core;
        return Native.SetSockOpt(fd, Native.SOL_SOCKET, Native.SO_INCOMING_CPU, &cpu, sizeof(int));
    }
}

public sealed class TickThread(int core, int fd)
{
    public async Task StartAsync(CancellationToken ct)
    {
        CoreSockets.EnterCore(core);
        await CoreSockets.SteerToCurrentCoreAsync(fd, ct);
    }
}
