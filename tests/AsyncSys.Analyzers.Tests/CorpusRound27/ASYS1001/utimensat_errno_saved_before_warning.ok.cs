// A sync tool restores access and modification times with utimensat after copying; when that fails it saves errno right
// after the call and only then writes the warning, so the message names the real cause (EPERM on a file owned by another user).
using System;
using System.Runtime.InteropServices;

namespace Round27.Errno.UtimensatErrnoSavedFirst;

[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static partial class Native
{
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Utimensat(int dirFd, string path, Timespec* times, int flags);
}

public static class MetadataRestorer
{
    public static unsafe bool RestoreTimes(int dirFd, string name, long atimeSeconds, long mtimeSeconds)
    {
        Timespec* times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = atimeSeconds };
        times[1] = new Timespec { Seconds = mtimeSeconds };
        if (Native.Utimensat(dirFd, name, times, Native.AT_SYMLINK_NOFOLLOW) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        Console.Error.WriteLine($"cannot restore times of {name}: {Marshal.GetPInvokeErrorMessage(errno)}");
        return false;
    }
}
