// On completion the temp file is renamed over the final name with renameat. When the rename fails the downloader
// captures errno at once, then unlinks the temp file and logs, and throws with the captured rename error.
using System;
using System.Runtime.InteropServices;

namespace Round25.Errno.RenameatCaptured;

internal static class Native
{
    [DllImport("libc", EntryPoint = "renameat", SetLastError = true)]
    internal static extern int RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath);

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    internal static extern int UnlinkAt(int dirFd, string path, int flags);
}

public static class Completion
{
    public static void Publish(int dirFd, string tempName, string finalName)
    {
        if (Native.RenameAt(dirFd, tempName, dirFd, finalName) < 0)
        {
            int renameErrno = Marshal.GetLastPInvokeError();
            Native.UnlinkAt(dirFd, tempName, 0);
            Console.Error.WriteLine("could not publish " + finalName);
            throw new AsyncSys.ErrnoException(renameErrno, "renameat", finalName);
        }
    }
}
