// The same restore with the two timespecs in native memory, freed only after the offloaded utimensat has been awaited.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.UtimensatNativeTimes;

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

internal static unsafe class NativeTimes
{
    public static nint Allocate(long atime, long mtime)
    {
        var times = (Timespec*)NativeMemory.Alloc(2, (nuint)sizeof(Timespec));
        times[0] = new Timespec { Seconds = atime };
        times[1] = new Timespec { Seconds = mtime };
        return (nint)times;
    }

    public static void Free(nint times) => NativeMemory.Free((void*)times);
}

public static class TimesRestorer
{
    public static async Task<int> RestoreAsync(int dirFd, string name, long atime, long mtime, CancellationToken ct)
    {
        nint times = NativeTimes.Allocate(atime, mtime);
        try
        {
            return await Native.UtimensatAsync(dirFd, name, times, Native.AT_SYMLINK_NOFOLLOW, ct);
        }
        finally
        {
            NativeTimes.Free(times);
        }
    }
}
