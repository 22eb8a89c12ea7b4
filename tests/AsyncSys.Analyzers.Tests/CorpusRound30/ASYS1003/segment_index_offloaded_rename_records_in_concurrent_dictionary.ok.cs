// The HLS segment index made right: the offloaded rename wrapper records published segments in a ConcurrentDictionary,
// which is made for writers on several threads.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.SharedState.SegmentIndexConcurrent;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);
}

public sealed partial class SegmentIndex
{
    private readonly ConcurrentDictionary<string, long> _published = new();

    public bool TryGetSequence(string path, out long sequence) => _published.TryGetValue(path, out sequence);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Publish(string tempPath, string finalPath, long sequence)
    {
        int rc = Native.Rename(tempPath, finalPath);
        if (rc == 0)
        {
            _published[finalPath] = sequence;
        }

        return rc;
    }
}
