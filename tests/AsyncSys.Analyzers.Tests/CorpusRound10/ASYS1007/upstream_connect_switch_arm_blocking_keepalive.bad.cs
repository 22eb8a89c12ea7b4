using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Blocking.UpstreamKeepAlive;

internal enum UpstreamKind { Tcp, Unix }

internal sealed record Upstream(UpstreamKind Kind, byte[] Address, int IdleSeconds);

internal static partial class SocketOptions
{
    private const int SOL_SOCKET = 1;
    private const int SO_KEEPALIVE = 9;
    private const int IPPROTO_TCP = 6;
    private const int TCP_KEEPIDLE = 4;

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, ref int value, int length);

    /// <summary>Turns on TCP keep-alive with the given idle time.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int EnableKeepAlive(int fd, int idleSeconds)
    {
        int on = 1;
        int rc = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, ref on, sizeof(int));
        return rc < 0 ? rc : setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, ref idleSeconds, sizeof(int));
    }
}

/// <summary>A reverse proxy connects to an upstream (TCP or a Unix socket) and tunes the socket by kind.</summary>
internal sealed class UpstreamConnector(IoRing ring, Func<UpstreamKind, int> createSocket)
{
    public async ValueTask<int> ConnectAsync(Upstream upstream, CancellationToken cancellationToken)
    {
        int fd = createSocket(upstream.Kind);
        await ring.ConnectAsync(fd, upstream.Address, cancellationToken);
        int rc = upstream.Kind switch
        {
            UpstreamKind.Tcp => /*~ASYS1007*/SocketOptions.EnableKeepAlive(fd, upstream.IdleSeconds),
            UpstreamKind.Unix => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(upstream), upstream.Kind, "unknown upstream kind"),
        };
        if (rc < 0)
        {
            await ring.CloseAsync(fd, cancellationToken);
            throw new InvalidOperationException("could not enable keep-alive on the upstream socket");
        }

        return fd;
    }
}
