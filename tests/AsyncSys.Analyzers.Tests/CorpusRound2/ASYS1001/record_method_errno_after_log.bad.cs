// A positional record's method logs a failed flock before returning errno.
using System;
using System.Runtime.InteropServices;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal sealed record AdvisoryLock(int Fd, string Name)
{
    public int TryAcquire()
    {
        if (Native.Flock(Fd, 2 | 4) == 0)
        {
            return 0;
        }

        Console.WriteLine($"{Name} is held by another process");
        return /*~ASYS1001*/Marshal.GetLastPInvokeError();
    }
}
