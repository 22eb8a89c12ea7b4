// A WAL segment is preallocated by ftruncate when it is rotated in. On failure the code logs through a TextWriter and
// then builds the exception with a helper that reads errno. The log write made its own syscalls in between, so the
// exception names the log's error (or none) instead of ENOSPC/EDQUOT, and the operator alert is wrong.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.Errno.FtruncateHelperAfterLog;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);
}

public sealed class SegmentRotator(TextWriter log)
{
    private static ErrnoException LastError(string call) => new(Marshal.GetLastPInvokeError(), call);

    public void Preallocate(int segmentFd, long segmentBytes)
    {
        if (Native.Ftruncate(segmentFd, segmentBytes) != 0)
        {
            log.WriteLine($"segment preallocation of {segmentBytes} bytes failed");
            throw /*~ASYS1001*/LastError("ftruncate");
        }
    }
}
