// The same index commit with errno taken through the Posix.LastErrno property right after the failed renameat2,
// before the lock file is removed: the caller gets the rename's EXDEV or EACCES whatever unlinkat leaves behind.
using System.Runtime.InteropServices;

namespace Round14.Errno.LockCommitPropertyBeforeUnlink;

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
            int errno = Posix.LastErrno;
            Native.UnlinkAt(gitDirFd, "index.lock", 0);
            return -errno;
        }

        return 0;
    }
}
