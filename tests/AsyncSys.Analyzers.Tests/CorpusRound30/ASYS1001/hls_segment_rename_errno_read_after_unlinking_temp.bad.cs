// An HLS segmenter publishes each finished segment by renaming seg_N.ts.tmp over seg_N.ts. When the rename fails it first
// unlinks the temporary file so the segment directory does not fill up, and only then reads errno to tell "segment already
// pruned" (ENOENT: skip) from a full or read-only disk (stop the stream). unlink sets errno too, so a full disk is taken
// for a harmless skip and the live playlist silently stops advancing.
using System.IO;
using System.Runtime.InteropServices;

namespace Round30.Errno.SegmentRenameAfterUnlink;

internal static class Native
{
    internal const int ENOENT = 2;

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public sealed class SegmentPublisher
{
    public bool Publish(string tempPath, string finalPath)
    {
        if (Native.Rename(tempPath, finalPath) == 0)
        {
            return true;
        }

        Native.Unlink(tempPath);
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno == Native.ENOENT)
        {
            return false;
        }

        throw new IOException($"rename {tempPath} -> {finalPath} failed, errno {errno}");
    }
}
