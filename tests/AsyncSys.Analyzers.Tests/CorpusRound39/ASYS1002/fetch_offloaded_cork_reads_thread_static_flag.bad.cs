// A fetch session corks the consumer's socket (TCP_CORK) while it assembles a multi-part response, so the header and the
// zero-copy chunks leave in full packets. Whether to cork is read from a [ThreadStatic] "batching" flag the request
// handler sets on its thread; the wrapper is offloaded (RingOp.None), so it runs on an AsyncSys worker whose flag is
// never set: the socket is never corked and every small frame goes out in its own packet.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.PerThread.FetchCorkThreadStatic;

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
    public static int ApplyCork(int socket)
    {
        int value = /*~ASYS1002*/FetchContext.Batching ? 1 : 0;
        return Native.SetSockOpt(socket, IpProtoTcp, TcpCork, ref value, sizeof(int));
    }
}
