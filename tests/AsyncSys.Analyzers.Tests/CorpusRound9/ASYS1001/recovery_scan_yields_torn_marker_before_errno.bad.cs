using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round9.Errno.RecoveryScan;

internal static class Io
{
    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte[] buffer, nuint count, long offset);
}

internal readonly record struct ScanItem(long Offset, int Length, bool Torn);

/// <summary>Crash recovery walks a WAL segment block by block; where the log stops being readable it yields a torn marker, then says why.</summary>
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
                    yield return new ScanItem(offset, (int)n, Torn: true);   // a short tail: the last write was cut
                    yield break;
                case 0:
                    yield break;
            }

            // the consumer runs at this yield (recovery truncates the log there, and logs): errno is no longer pread's
            yield return new ScanItem(offset, 0, Torn: true);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "pread", $"segment offset {offset}");
        }
    }
}
