// A connection factory rents its per-attempt state from an ObjectPool; when socket(2) fails it reads errno first, then gives the state back (the pool's Return disarms the state's timer with timerfd_settime) and throws with the errno it kept.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Corpus47.ConnectPoolOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    internal static partial int TimerfdSettime(int fd, int flags, long* newValue, long* oldValue);
}

/// <summary>Per-attempt state a connection factory rents: the timerfd that bounds the connect, and the attempt's counters.</summary>
internal sealed unsafe class ConnectState(int timerFd)
{
    public int TimerFd { get; } = timerFd;

    public int Attempts;

    public long StartedAt;

    /// <summary>Disarms the connect timer so the next renter does not inherit a pending expiry.</summary>
    public void Reset()
    {
        long* disarm = stackalloc long[4];
        disarm[0] = disarm[1] = disarm[2] = disarm[3] = 0;
        _ = Native.TimerfdSettime(TimerFd, 0, disarm, null);
        Attempts = 0;
        StartedAt = 0;
    }
}

/// <summary>A pool in the shape of Microsoft.Extensions.ObjectPool's: Return resets what comes back.</summary>
internal sealed class ConnectStatePool(Func<ConnectState> create)
{
    private readonly ConcurrentQueue<ConnectState> _items = new();

    public ConnectState Get() => _items.TryDequeue(out ConnectState? state) ? state : create();

    public void Return(ConnectState state)
    {
        state.Reset();
        _items.Enqueue(state);
    }
}

internal sealed class SocketSetupException(int errno, string call) : Exception(call + " failed, errno " + errno)
{
    public int Errno { get; } = errno;
}

internal sealed class ConnectionFactory(ConnectStatePool pool)
{
    private const int AF_INET = 2;
    private const int SOCK_STREAM = 1;
    private const int SOCK_NONBLOCK = 0x800;
    private const int SOCK_CLOEXEC = 0x80000;

    public (int Fd, ConnectState State) Open()
    {
        ConnectState state = pool.Get();
        state.Attempts++;
        int fd = Native.Socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            pool.Return(state);
            throw new SocketSetupException(errno, "socket");
        }

        return (fd, state);
    }
}
