// The memcached writer made right: errno is copied into a local on the line after the failed send(2), before the
// backoff delay is awaited, so EAGAIN / EPIPE / ECONNRESET are decided from the send's own error on any thread.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Errno.MemcachedSendErrnoKept;

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

            if (sent >= 0)
            {
                throw new InvalidOperationException("short send of a memcached command: " + sent);
            }

            int errno = Marshal.GetLastPInvokeError();
            await ring.DelayAsync(TimeSpan.FromMilliseconds(Math.Min(1000, 10 << attempt)), ct);
            if (errno == Native.EPIPE || errno == Native.ECONNRESET)
            {
                _fd = await reconnect(ct);
            }
            else if (errno != Native.EAGAIN)
            {
                throw new ErrnoException(errno, "send");
            }
        }
    }
}
