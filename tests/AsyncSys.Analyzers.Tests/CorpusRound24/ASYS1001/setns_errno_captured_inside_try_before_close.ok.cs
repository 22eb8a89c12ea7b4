// The namespace helper made right: errno is captured in the try block right after setns, so the close in the finally
// block can no longer overwrite the value the error message uses.
using System;
using System.Runtime.InteropServices;

namespace Round24.Errno.SetnsFinallyCloseOk;

internal static class Native
{
    internal const int CLONE_NEWNET = 0x40000000, O_RDONLY = 0, O_CLOEXEC = 0x80000, EPERM = 1;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static extern int SetNs(int fd, int nstype);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static class NetNamespace
{
    public static void Enter(int pid)
    {
        int nsFd = Native.Open($"/proc/{pid}/ns/net", Native.O_RDONLY | Native.O_CLOEXEC);
        if (nsFd < 0)
        {
            throw new InvalidOperationException("cannot open the network namespace: errno " + Marshal.GetLastPInvokeError());
        }

        int rc;
        int errno = 0;
        try
        {
            rc = Native.SetNs(nsFd, Native.CLONE_NEWNET);
            if (rc < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }
        finally
        {
            Native.Close(nsFd);
        }

        if (rc < 0)
        {
            throw new InvalidOperationException(errno == Native.EPERM ? "setns needs CAP_SYS_ADMIN" : "setns failed: errno " + errno);
        }
    }
}
