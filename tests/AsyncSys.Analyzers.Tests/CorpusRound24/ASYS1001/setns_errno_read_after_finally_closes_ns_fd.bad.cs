// A namespace helper opens /proc/<pid>/ns/net, calls setns and closes the namespace fd in a finally block before it
// looks at errno. close is a P/Invoke that sets errno too: when setns fails with EPERM the helper reports close's
// (successful, stale) value instead, and the "run as root" hint is never printed.
using System;
using System.Runtime.InteropServices;

namespace Round24.Errno.SetnsFinallyClose;

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
        try
        {
            rc = Native.SetNs(nsFd, Native.CLONE_NEWNET);
        }
        finally
        {
            Native.Close(nsFd);
        }

        if (rc < 0)
        {
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new InvalidOperationException(errno == Native.EPERM ? "setns needs CAP_SYS_ADMIN" : "setns failed: errno " + errno);
        }
    }
}
