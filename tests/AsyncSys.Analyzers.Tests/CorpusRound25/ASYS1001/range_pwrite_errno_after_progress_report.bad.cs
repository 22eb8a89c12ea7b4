// A ranged downloader writes each received chunk into the preallocated file with pwrite at the range's offset. When
// the write fails it first reports progress to the UI (an IProgress callback that may log, allocate or P/Invoke) and
// only then reads errno to decide between retrying (EINTR) and failing the range. The callback's errno decides instead:
// an interrupted write is reported as a hard failure and the whole range is downloaded again, or a full disk is retried.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round25.Errno.RangePwriteAfterProgress;

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed class RangeWriter(int fileFd, IProgress<long> progress)
{
    public bool TryWriteChunk(byte[] chunk, int length, long offset)
    {
        nint written = Native.PWrite(fileFd, chunk, length, offset);
        if (written >= 0)
        {
            progress.Report(written);
            return written == length;
        }

        progress.Report(0);
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno == Native.EINTR)
        {
            return false;
        }

        throw new IOException("pwrite failed at offset " + offset + ", errno " + errno);
    }
}
