// An async connect sets TCP_NODELAY (pipelined small commands must not wait for Nagle) with a plain setsockopt
// P/Invoke before awaiting the ring's connect. setsockopt never blocks and has no [AsyncSyscall] variant: there is
// nothing to await instead.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.ConnectSetsNoDelay;

internal static class Native
{
    internal const int IPPROTO_TCP = 6, TCP_NODELAY = 1;

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static extern int SetSockOpt(int fd, int level, int name, ref int value, int length);
}

public sealed class TcpDialer(IoRing ring)
{
    public async Task ConnectAsync(int fd, byte[] serverAddress, CancellationToken ct)
    {
        int on = 1;
        if (Native.SetSockOpt(fd, Native.IPPROTO_TCP, Native.TCP_NODELAY, ref on, sizeof(int)) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "setsockopt");
        }

        await ring.ConnectAsync(fd, serverAddress, ct);
    }
}
