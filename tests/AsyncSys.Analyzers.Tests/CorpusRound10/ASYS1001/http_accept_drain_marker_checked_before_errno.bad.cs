using System.IO;
using System.Runtime.InteropServices;

namespace Round10.Errno.HttpAcceptDrain;

/// <summary>
/// An HTTP/1.1 listener's accept step on a non-blocking socket: a failed accept4 is graceful while a drain marker file
/// exists; otherwise the errno goes back to the accept loop (EAGAIN: wait for readiness, EMFILE: back off).
/// </summary>
internal sealed class Http1Listener(int listenFd, string drainMarkerPath)
{
    private const int SOCK_NONBLOCK = 0x800;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int ESHUTDOWN = 108;

    [DllImport("libc", SetLastError = true)]
    private static extern int accept4(int fd, nint address, nint addressLength, int flags);

    /// <summary>Returns the accepted descriptor, or -errno.</summary>
    public int AcceptNext()
    {
        int fd = accept4(listenFd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
        return fd switch
        {
            >= 0 => fd,
            // File.Exists stats the marker (a P/Invoke that saves its own error, ENOENT when there is no marker)
            _ when File.Exists(drainMarkerPath) => -ESHUTDOWN,
            _ => -/*~ASYS1001*/Marshal.GetLastPInvokeError(),
        };
    }
}
