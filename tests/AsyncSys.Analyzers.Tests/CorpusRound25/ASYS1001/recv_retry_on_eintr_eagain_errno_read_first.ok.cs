// A range receive loop on a non-blocking socket: recv is retried on EINTR, waits for readability on EAGAIN, and a
// connection reset ends the range so the scheduler can retry it on a fresh connection. errno is read right after the
// failed recv, kept in a local, and only then are the log line and the await.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Errno.RecvRetryErrnoFirst;

internal static class Native
{
    internal const int EINTR = 4, EAGAIN = 11, ECONNRESET = 104;

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern nint Recv(int fd, byte[] buffer, nint length, int flags);
}

public sealed class RangeReceiver(IoRing ring, TextWriter log)
{
    public async Task<int> ReceiveSomeAsync(int socketFd, byte[] buffer)
    {
        while (true)
        {
            nint n = Native.Recv(socketFd, buffer, buffer.Length, 0);
            if (n >= 0)
            {
                return (int)n;
            }

            int errno = Marshal.GetLastPInvokeError();
            log.WriteLine("recv failed with errno " + errno);
            if (errno == Native.EINTR)
            {
                continue;
            }

            if (errno == Native.EAGAIN)
            {
                await ring.PollAsync(socketFd, PollEvents.In);
                continue;
            }

            if (errno == Native.ECONNRESET)
            {
                return -1;
            }

            throw new ErrnoException(errno, "recv");
        }
    }
}
