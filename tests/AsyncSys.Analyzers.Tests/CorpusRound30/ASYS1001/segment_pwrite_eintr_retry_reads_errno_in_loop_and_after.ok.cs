// The segmenter writes a segment chunk with pwrite, retrying on EINTR (a SIGCHLD from the transcoder child interrupts
// it), and throws with errno when the loop ends on another failure. Between the last pwrite and both reads there is
// only the errno read itself, so each read reports pwrite's error.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.Errno.SegmentPwriteEintrRetry;

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public static class SegmentWriter
{
    public static nint WriteChunk(int fd, byte[] chunk, int length, long offset)
    {
        nint n;
        do
        {
            n = Native.PWrite(fd, chunk, length, offset);
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);

        if (n < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pwrite");
        }

        return n;
    }
}
