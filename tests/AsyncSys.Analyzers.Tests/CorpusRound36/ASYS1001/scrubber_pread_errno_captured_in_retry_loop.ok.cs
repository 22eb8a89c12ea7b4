// A background scrubber reads each block with pread and retries on EINTR; errno is read on the line after the failed
// call inside the loop, before the back-off sleep and the counter update, so the retry decision is the read's own.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round36.Errno.ScrubberPreadRetry;

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern unsafe nint PRead(int fd, byte* buffer, nuint count, long offset);
}

public sealed unsafe class BlockScrubber
{
    private long _retries;

    public long Retries => Interlocked.Read(ref _retries);

    public int ReadBlock(int fd, byte[] block, long offset)
    {
        for (int attempt = 0; ; attempt++)
        {
            nint n;
            fixed (byte* p = block)
            {
                n = Native.PRead(fd, p, (nuint)block.Length, offset);
            }

            if (n >= 0)
            {
                return (int)n;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EINTR || attempt == 3)
            {
                throw new IOException("scrub: pread failed at " + offset + ", errno " + errno);
            }

            Interlocked.Increment(ref _retries);
            Thread.Sleep(1);
        }
    }
}
