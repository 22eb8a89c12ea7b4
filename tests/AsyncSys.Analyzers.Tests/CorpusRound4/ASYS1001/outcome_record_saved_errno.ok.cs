using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.Outcome;

public readonly record struct Outcome(long Result, int Errno)
{
    public bool Failed => Result < 0;
}

internal static class Files
{
    [DllImport("libc", SetLastError = true)]
    private static extern int ftruncate(int fd, long length);

    private static Outcome Capture(long result) => new(result, result < 0 ? Marshal.GetLastPInvokeError() : 0);

    public static int Resize(int fd, long length)
    {
        Outcome outcome = Capture(ftruncate(fd, length));
        Console.WriteLine($"ftruncate({fd}, {length}) returned {outcome.Result}");
        if (outcome.Failed)
        {
            return -outcome.Errno;   // saved right after the call, not read now
        }

        return 0;
    }
}
