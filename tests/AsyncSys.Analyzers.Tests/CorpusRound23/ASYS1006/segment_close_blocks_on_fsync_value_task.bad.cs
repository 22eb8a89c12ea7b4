// A segment's synchronous Dispose starts the ring's fsync and blocks on GetAwaiter().GetResult() of the ValueTask. A
// ValueTask backed by AsyncSys's recycled source does not support blocking on it before it completed: the result is
// read too early (or throws), and the segment file is closed before its data reached the disk.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.Observed.SegmentCloseBlocks;

internal static class Native
{
    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class Segment(IoRing ring, int segmentFd) : IDisposable
{
    public void Dispose()
    {
        /*~ASYS1006*/ring.FsyncAsync(segmentFd).GetAwaiter().GetResult();
        Native.Close(segmentFd);
    }
}
