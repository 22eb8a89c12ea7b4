// A proxy's accept loop keeps errno right after a failed accept4, then logs and backs off on EMFILE/ENFILE (out of
// descriptors): the log line runs after the error was captured, so the decision is accept4's.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round19.Errno.Accept4Backoff;

internal static class Native
{
    [DllImport("libc", EntryPoint = "accept4", SetLastError = true)]
    internal static extern int Accept4(int fd, nint address, nint addressLength, int flags);
}

public sealed class Acceptor(int listenFd, TextWriter log)
{
    private const int SOCK_NONBLOCK = 2048, SOCK_CLOEXEC = 524288;
    private const int EAGAIN = 11, EMFILE = 24, ENFILE = 23;

    public int AcceptOne()
    {
        int fd = Native.Accept4(listenFd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0)
        {
            return fd;
        }

        int errno = Marshal.GetLastPInvokeError();
        log.WriteLine($"accept4 on {listenFd} failed: {errno}");
        if (errno == EMFILE || errno == ENFILE)
        {
            Thread.Sleep(10);
        }

        return errno == EAGAIN ? -1 : -errno;
    }
}
