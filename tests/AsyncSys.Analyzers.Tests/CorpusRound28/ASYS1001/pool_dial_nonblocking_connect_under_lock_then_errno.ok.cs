// A connection pool dials new Redis connections with a non-blocking connect(2) under the pool's lock (so two leases
// never dial the same slot), then, outside the lock, treats EINPROGRESS as "connecting" and waits for writability on
// the ring. Only Monitor.Exit runs between the connect and the errno read: it makes no P/Invoke that sets errno.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Errno.PoolDialUnderLock;

internal static class Native
{
    internal const int EINPROGRESS = 115;

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int length);
}

public sealed class ConnectionSlots(IoRing ring)
{
    private readonly object _gate = new();
    private readonly int[] _fds = new int[16];
    private readonly bool[] _dialing = new bool[16];

    public async Task<int> DialAsync(int slot, int fd, byte[] address, CancellationToken ct)
    {
        int rc;
        lock (_gate)
        {
            if (_dialing[slot]) throw new InvalidOperationException("slot " + slot + " is already dialing");
            _dialing[slot] = true;
            _fds[slot] = fd;
            rc = Native.Connect(fd, address, address.Length);
        }

        if (rc < 0 && Marshal.GetLastPInvokeError() != Native.EINPROGRESS)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "connect");
        }

        if (rc < 0)
        {
            await ring.PollAsync(fd, PollEvents.Out, ct);
        }

        lock (_gate)
        {
            _dialing[slot] = false;
        }

        return fd;
    }
}
