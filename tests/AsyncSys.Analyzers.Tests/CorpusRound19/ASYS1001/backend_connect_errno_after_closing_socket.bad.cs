// A connection pool dials a backend with a blocking connect (SO_SNDTIMEO bounds it). On failure it closes the half-made
// socket so the descriptor does not leak, then throws with errno. close is declared with SetLastError and usually
// succeeds, so the saved error is now close's (0): the pool logs "connect failed: errno 0" and never sees ECONNREFUSED,
// so it keeps retrying a backend that is down instead of marking it unhealthy.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.Errno.BackendConnectClose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int addressLength);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static class BackendDialer
{
    public static int Dial(int socketFd, byte[] sockaddr)
    {
        int rc = Native.Connect(socketFd, sockaddr, sockaddr.Length);
        if (rc < 0)
        {
            Native.Close(socketFd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "connect", "backend dial");
        }

        return socketFd;
    }
}
