// A static-file server answers a Range request with sendfile on a non-blocking socket. When sendfile fails it first
// flushes the buffered response headers (an await on the connection stream) and then reads errno to see whether it was
// EAGAIN (wait for POLLOUT and resume) or a dead peer. After the await the method runs on another thread whose errno is
// unrelated: a full socket buffer is taken for a broken connection (the download is cut) or EPIPE for "try again" (spin).
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round30.Errno.RangeSendfileAfterFlush;

internal static class Native
{
    internal const int EAGAIN = 11;

    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public sealed class RangeResponder(Stream headerSink)
{
    public async Task<long> SendRangeAsync(int socketFd, int fileFd, long offset, long count, CancellationToken ct)
    {
        long position = offset;
        nint sent = Native.SendFile(socketFd, fileFd, ref position, (nint)count);
        if (sent < 0)
        {
            await headerSink.FlushAsync(ct);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno == Native.EAGAIN)
            {
                return 0;
            }

            throw new IOException($"sendfile failed, errno {errno}");
        }

        return sent;
    }
}
