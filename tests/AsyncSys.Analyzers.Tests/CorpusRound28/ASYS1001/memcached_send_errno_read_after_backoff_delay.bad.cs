// A memcached client writes a storage command with a non-blocking send(2). When it fails, it first sleeps the
// retry backoff on the ring and only then reads errno to tell EAGAIN (socket buffer full: retry) from EPIPE/ECONNRESET
// (peer gone: reconnect). After the await the method runs on another thread whose errno is unrelated: a dead
// connection may be retried forever, or a merely full socket torn down.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Errno.MemcachedSendAfterBackoff;

internal static class Native
{
    internal const int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000, EAGAIN = 11, EPIPE = 32, ECONNRESET = 104;

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public sealed class MemcachedWriter(IoRing ring, Func<CancellationToken, Task<int>> reconnect)
{
    private int _fd;

    public async Task StoreAsync(byte[] command, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            nint sent = Native.Send(_fd, command, command.Length, Native.MSG_DONTWAIT | Native.MSG_NOSIGNAL);
            if (sent == command.Length)
            {
                return;
            }

            if (sent < 0)
            {
                await ring.DelayAsync(TimeSpan.FromMilliseconds(Math.Min(1000, 10 << attempt)), ct);
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno == Native.EPIPE || errno == Native.ECONNRESET)
                {
                    _fd = await reconnect(ct);
                }
                else if (errno != Native.EAGAIN)
                {
                    throw new ErrnoException(errno, "send");
                }
            }
            else
            {
                throw new InvalidOperationException("short send of a memcached command: " + sent);
            }
        }
    }
}
