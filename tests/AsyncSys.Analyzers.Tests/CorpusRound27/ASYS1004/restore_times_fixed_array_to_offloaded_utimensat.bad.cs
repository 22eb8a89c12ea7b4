// The restore written with a managed timespec array pinned by `fixed` around the start of the offloaded utimensat: the
// pin ends at the block's brace when the task is returned, the array is garbage from then on, and the worker reads it
// after the GC may have moved or reused that memory.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.UtimensatFixedTimes;

[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Utimensat(int dirFd, string path, nint times, int flags);
}

public static class TimesWriter
{
    public static unsafe ValueTask<int> StampAsync(int dirFd, string name, long atime, long mtime, CancellationToken ct)
    {
        var times = new Timespec[2];
        times[0].Seconds = atime;
        times[1].Seconds = mtime;
        fixed (Timespec* p = times)
        {
            return Native.UtimensatAsync(dirFd, name, /*~ASYS1004*/(nint)p, 0, ct);
        }
    }
}
