using System.Runtime.InteropServices;
using System.Threading;

namespace Round3.Sockets;

static partial class Native
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);
}

static class Descriptors
{
    private static long s_closeFailures;

    public static long CloseFailures => Interlocked.Read(ref s_closeFailures);

    public static int CloseQuietly(int fd)
    {
        if (Native.close(fd) < 0)
        {
            Interlocked.Increment(ref s_closeFailures);   // managed only: errno is still close's
            return -Marshal.GetLastPInvokeError();
        }

        return 0;
    }
}
