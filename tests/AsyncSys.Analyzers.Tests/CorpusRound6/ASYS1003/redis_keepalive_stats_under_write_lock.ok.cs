using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Shared.RedisStatsLocked;

internal sealed class ConnectionStats
{
    public long OptionCalls;
    public long Failures;
}

/// <summary>The same connection with its statistics changed under a reader/writer lock.</summary>
internal sealed partial class RedisConnection
{
    private const int IPPROTO_TCP = 6;
    private const int TCP_KEEPIDLE = 4;

    private readonly int _fd;
    private readonly ConnectionStats _stats = new();
    private readonly ReaderWriterLockSlim _statsLock = new();

    public RedisConnection(int fd) => _fd = fd;

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, ref int value, int length);

    public long OptionCalls
    {
        get
        {
            _statsLock.EnterReadLock();
            try
            {
                return _stats.OptionCalls;
            }
            finally
            {
                _statsLock.ExitReadLock();
            }
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int SetKeepAlive(int idleSeconds)
    {
        _statsLock.EnterWriteLock();
        try
        {
            _stats.OptionCalls++;
        }
        finally
        {
            _statsLock.ExitWriteLock();
        }

        int value = idleSeconds;
        return setsockopt(_fd, IPPROTO_TCP, TCP_KEEPIDLE, ref value, sizeof(int));
    }

    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await SetKeepAliveAsync(30, cancellationToken);
    }
}
