// The static-file server's Range response made right: errno is captured as soon as sendfile fails, before the await
// that flushes the headers; the decision after the await uses the saved value.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round30.Errno.RangeSendfileCapturedFirst;

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
            int errno = Marshal.GetLastPInvokeError();
            await headerSink.FlushAsync(ct);
            if (errno == Native.EAGAIN)
            {
                return 0;
            }

            throw new IOException($"sendfile failed, errno {errno}");
        }

        return sent;
    }
}
