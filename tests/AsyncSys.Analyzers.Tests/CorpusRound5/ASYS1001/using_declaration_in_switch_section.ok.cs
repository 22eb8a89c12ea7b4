using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Round5.Errno.SwitchSection;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int fsync(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int fdatasync(int fd);
}

internal enum SyncKind
{
    Full,
    Data,
}

internal readonly struct Timing(string what) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public void Dispose() => Console.WriteLine($"{what}: {Stopwatch.GetElapsedTime(_started).TotalMilliseconds} ms");
}

internal static class Durability
{
    public static int Sync(int fd, SyncKind kind)
    {
        switch (kind)
        {
            case SyncKind.Full:
            {
                using var timing = new Timing("fsync");
                int rc = Native.fsync(fd);
                int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;   // read before the timing is printed
                return -errno;
            }

            case SyncKind.Data:
            {
                using var timing = new Timing("fdatasync");
                if (Native.fdatasync(fd) < 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
