using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round9.Errno.RecoveryScanOk;

internal static class Io
{
    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte[] buffer, nuint count, long offset);
}

internal readonly record struct ScanItem(long Offset, int Length, bool Torn);

/// <summary>Crash recovery walks a WAL segment block by block; pread's errno is kept before the torn marker is yielded.</summary>
internal sealed class SegmentScanner(int fd)
{
    public IEnumerable<ScanItem> Scan(byte[] block)
    {
        long offset = 0;
        while (true)
        {
            nint n = Io.pread(fd, block, (nuint)block.Length, offset);
            switch (n)
            {
                case > 0 when n == block.Length:
                    yield return new ScanItem(offset, (int)n, Torn: false);
                    offset += n;
                    continue;
                case > 0:
                    yield return new ScanItem(offset, (int)n, Torn: true);
                    yield break;
                case 0:
                    yield break;
            }

            int errno = Marshal.GetLastPInvokeError();   // pread's, before the consumer runs
            yield return new ScanItem(offset, 0, Torn: true);
            throw new ErrnoException(errno, "pread", $"segment offset {offset}");
        }
    }
}
