// The same cork wrapper, told by its caller whether to cork: the async caller reads its own thread's flag and passes the
// answer in, so the worker reads no per-thread state.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.PerThread.FetchCorkArgument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static extern int SetSockOpt(int socket, int level, int name, ref int value, int length);
}

public static class FetchContext
{
    [ThreadStatic] private static bool t_batching;

    public static bool Batching => t_batching;

    public static void SetBatching(bool on) => t_batching = on;
}

public static partial class SocketTuning
{
    private const int IpProtoTcp = 6;
    private const int TcpCork = 3;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ApplyCork(int socket, bool cork)
    {
        int value = cork ? 1 : 0;
        return Native.SetSockOpt(socket, IpProtoTcp, TcpCork, ref value, sizeof(int));
    }

    public static async Task PrepareAsync(int socket, CancellationToken ct)
    {
        await ApplyCorkAsync(socket, FetchContext.Batching, ct);
    }
}
