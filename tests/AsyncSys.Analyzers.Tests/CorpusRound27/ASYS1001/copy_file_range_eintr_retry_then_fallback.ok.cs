// A copy tool moves data with copy_file_range, retrying on EINTR with errno read in the loop condition right after the
// call, and picks its fallback (a read/write loop on EXDEV, ENOSYS or EOPNOTSUPP) from that saved value after the loop.
using System.IO;
using System.Runtime.InteropServices;

namespace Round27.Errno.CopyFileRangeRetry;

internal static partial class Native
{
    internal const int EINTR = 4;
    internal const int EXDEV = 18;
    internal const int ENOSYS = 38;
    internal const int EOPNOTSUPP = 95;

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    internal static partial nint CopyFileRange(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint length, uint flags);
}

public enum CopyOutcome
{
    Done,
    NeedsFallback,
}

public static class KernelCopy
{
    public static CopyOutcome CopyRange(int source, int destination, long length)
    {
        long inOffset = 0;
        long outOffset = 0;
        while (inOffset < length)
        {
            nint n;
            int errno = 0;
            do
            {
                n = Native.CopyFileRange(source, ref inOffset, destination, ref outOffset, (nuint)(length - inOffset), 0);
            }
            while (n < 0 && (errno = Marshal.GetLastPInvokeError()) == Native.EINTR);

            if (n < 0)
            {
                if (errno is Native.EXDEV or Native.ENOSYS or Native.EOPNOTSUPP)
                {
                    return CopyOutcome.NeedsFallback;
                }

                throw new IOException($"copy_file_range failed: errno {errno}");
            }

            if (n == 0)
            {
                break;
            }
        }

        return CopyOutcome.Done;
    }
}
