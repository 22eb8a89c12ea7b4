// The HLS segmenter's publish step made right: errno is captured right after the failed rename, then the temporary
// segment is unlinked; the decision uses the rename's own error.
using System.IO;
using System.Runtime.InteropServices;

namespace Round30.Errno.SegmentRenameCapturedFirst;

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

        int errno = Marshal.GetLastPInvokeError();
        Native.Unlink(tempPath);
        if (errno == Native.ENOENT)
        {
            return false;
        }

        throw new IOException($"rename {tempPath} -> {finalPath} failed, errno {errno}");
    }
}
