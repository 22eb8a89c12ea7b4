// The SO_INCOMING_CPU wrapper made right: the tick thread passes its core as an argument, read by the caller, so the
// offloaded wrapper reads no per-thread state and each socket is steered to its own core whichever worker runs it.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.PerThread.IncomingCpuArgument;

internal static unsafe partial class Native
{
    internal const int SOL_SOCKET = 1, SO_INCOMING_CPU = 49;

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, int* value, uint length);
}

public static partial class CoreSockets
{
    [System.ThreadStatic] private static int t_core;

    public static int CurrentCore => t_core;

    public static void EnterCore(int core) => t_core = core;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int SteerToCore(int fd, int cpu)
    {
        return Native.SetSockOpt(fd, Native.SOL_SOCKET, Native.SO_INCOMING_CPU, &cpu, sizeof(int));
    }
}

public sealed class TickThread(int core, int fd)
{
    public async Task StartAsync(CancellationToken ct)
    {
        CoreSockets.EnterCore(core);
        await CoreSockets.SteerToCoreAsync(fd, CoreSockets.CurrentCore, ct);
    }
}
