// A secrets vault locks its key pages in RAM so they never reach swap. mlock returns 0 or -1; on failure errno is read
// immediately, before the message is built, to tell RLIMIT_MEMLOCK exhaustion (ENOMEM) from other failures.
using System;
using System.Runtime.InteropServices;

namespace Round17.Errno.MlockImmediate;

internal static class Native
{
    internal const int ENOMEM = 12;

    [DllImport("libc", EntryPoint = "mlock", SetLastError = true)]
    internal static extern int MLock(nint address, nuint length);
}

public static class KeyPages
{
    public static void Lock(nint pages, nuint length)
    {
        if (Native.MLock(pages, length) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string reason = errno == Native.ENOMEM ? "raise RLIMIT_MEMLOCK" : "errno " + errno;
            throw new InvalidOperationException("cannot lock key pages: " + reason);
        }
    }
}
