// The walker's offloaded stat helper takes the directory descriptor as an argument from the walk's own cursor, so the
// worker stats each entry relative to the directory the caller is walking.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.ThreadState.OffloadedStatTakesDir;

internal static partial class Native
{
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;

    [LibraryImport("libc", EntryPoint = "fstatat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FStatAt(int dirFd, string path, byte[] statBuffer, int flags);
}

public sealed record DirectoryCursor(int DirFd, string Path);

public static partial class EntryStat
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StatEntry(int dirFd, string name, byte[] statBuffer) =>
        Native.FStatAt(dirFd, name, statBuffer, Native.AT_SYMLINK_NOFOLLOW);

    public static async Task<byte[]> StatAsync(DirectoryCursor cursor, string name, CancellationToken ct)
    {
        byte[] stat = new byte[144];
        await StatEntryAsync(cursor.DirFd, name, stat, ct);
        return stat;
    }
}
