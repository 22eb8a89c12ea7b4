using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.Errno.StaticLocalReader;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int rename(string oldPath, string newPath);
}

internal static class Snapshots
{
    public static void Publish(string staging, string live)
    {
        if (Native.rename(staging, live) is < 0)
        {
            Console.Error.WriteLine($"publishing {staging} failed");   // a write(2) of its own
            throw new ErrnoException(/*~ASYS1001*/LastErrno(), "rename");
        }

        static int LastErrno() => Marshal.GetLastPInvokeError();
    }
}
