// An HLS segment index publishes segments through an offloaded rename wrapper and, on success, records the segment's
// sequence number in a Dictionary the playlist writer reads. The segmenters of several renditions publish at the same
// time on AsyncSys workers: concurrent inserts corrupt the Dictionary (lost entries, or an endless loop in a lookup), and
// the playlist skips segments that exist on disk.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.SharedState.SegmentIndexDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);
}

public sealed partial class SegmentIndex
{
    private readonly Dictionary<string, long> _published = new();

    public bool TryGetSequence(string path, out long sequence) => _published.TryGetValue(path, out sequence);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Publish(string tempPath, string finalPath, long sequence)
    {
        int rc = Native.Rename(tempPath, finalPath);
        if (rc == 0)
        {
            /*~ASYS1003*/_published[finalPath] = sequence;
        }

        return rc;
    }
}
