using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round9.Errno.WalSegmentCreateOk;

/// <summary>A write-ahead log opens its next segment with O_CREAT | O_EXCL; errno is kept before the directory is checked.</summary>
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

            int errno = Marshal.GetLastPInvokeError();   // open's error, before the stat below replaces it
            if (errno == EEXIST && Directory.Exists(directory))
            {
                continue;
            }

            throw new ErrnoException(errno, "open", path);
        }

        throw new IOException($"no free segment number in {directory} after 64 attempts");
    }
}
