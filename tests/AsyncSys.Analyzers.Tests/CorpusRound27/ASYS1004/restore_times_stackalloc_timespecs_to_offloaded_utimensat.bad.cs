// A sync tool restores atime/mtime with an offloaded utimensat; a helper builds the two timespecs in stackalloc memory
// and returns the variant's task: the worker reads the times after the helper's frame is gone, so files get whatever
// the stack holds by then as their timestamps (or EINVAL for a nanosecond field out of range).
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.UtimensatStackTimes;

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
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Utimensat(int dirFd, string path, nint times, int flags);
}

public static class TimesRestorer
{
    public static unsafe ValueTask<int> RestoreAsync(int dirFd, string name, long atime, long mtime, CancellationToken ct)
    {
        Timespec* times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = atime };
        times[1] = new Timespec { Seconds = mtime };
        return Native.UtimensatAsync(dirFd, name, /*~ASYS1004*/(nint)times, Native.AT_SYMLINK_NOFOLLOW, ct);
    }
}
