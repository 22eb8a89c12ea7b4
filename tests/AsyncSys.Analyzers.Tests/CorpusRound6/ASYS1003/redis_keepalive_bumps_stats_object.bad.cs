using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Shared.RedisStats;

internal sealed class ConnectionStats
{
    public long OptionCalls;
    public long Failures;
}

/// <summary>
/// A Redis connection tunes its socket from the multiplexer's heartbeat and from user calls at the same time;
/// setsockopt has no ring opcode, so each call runs on a worker.
/// </summary>
internal sealed partial class RedisConnection
{
    private const int IPPROTO_TCP = 6;
    private const int TCP_KEEPIDLE = 4;

    private readonly int _fd;
    private readonly ConnectionStats _stats = new();

    public RedisConnection(int fd) => _fd = fd;

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, ref int value, int length);

    public long OptionCalls => Interlocked.Read(ref _stats.OptionCalls);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int SetKeepAlive(int idleSeconds)
    {
        /*~ASYS1003*/_stats.OptionCalls++;
        int value = idleSeconds;
        return setsockopt(_fd, IPPROTO_TCP, TCP_KEEPIDLE, ref value, sizeof(int));
    }

    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await SetKeepAliveAsync(30, cancellationToken);
    }
}
