using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round9.Errno.WalSegmentCreate;

/// <summary>A write-ahead log opens its next segment with O_CREAT | O_EXCL and skips numbers a crashed writer already took.</summary>
internal sealed partial class SegmentDirectory(string directory, long firstNumber)
{
    private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;
    private const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    private long _next = firstNumber;

    public (int Fd, long Number) CreateNext()
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            long number = _next++;
            string path = Path.Combine(directory, $"{number:D16}.wal");
            int fd = Open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0x1a4);
            if (fd >= 0)
            {
                return (fd, number);
            }

            // Directory.Exists is a stat(2) with its own saved error: on success the errno read after it is 0
            if (Directory.Exists(directory) && /*~ASYS1001*/Marshal.GetLastPInvokeError() == EEXIST)
            {
                continue;   // a crashed writer left this number behind
            }

            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "open", path);
        }

        throw new IOException($"no free segment number in {directory} after 64 attempts");
    }
}
