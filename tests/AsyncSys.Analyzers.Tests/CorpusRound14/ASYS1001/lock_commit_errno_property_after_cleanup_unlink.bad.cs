// A git-like index writer commits "index.lock" over "index" with renameat2. When the rename fails it first removes
// the lock file, so the next writer is not locked out, and only then reads errno through the Posix.LastErrno
// property. unlinkat is a P/Invoke with SetLastError that ran after the failed rename: when it succeeds the saved
// error is 0, so the caller sees "rename failed: Success" instead of EXDEV or EACCES and retries a commit that can
// never succeed.
using System.Runtime.InteropServices;

namespace Round14.Errno.LockCommitPropertyAfterUnlink;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int UnlinkAt(int dirFd, string path, int flags);
}

internal static class Posix
{
    internal static int LastErrno => Marshal.GetLastPInvokeError();
}

public sealed class IndexLock(int gitDirFd)
{
    /// <summary>0, or -errno of the failed rename.</summary>
    public int Commit()
    {
        if (Native.RenameAt2(gitDirFd, "index.lock", gitDirFd, "index", 0) < 0)
        {
            Native.UnlinkAt(gitDirFd, "index.lock", 0);
            return -/*~ASYS1001*/Posix.LastErrno;
        }

        return 0;
    }
}
