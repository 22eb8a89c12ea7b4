// An upload's synchronous spill path writes a request-body chunk with pwrite; on failure it writes an access-log line, then reads errno through a helper property.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Uploads;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static partial nint PWrite(int fd, ReadOnlySpan<byte> buffer, nuint count, long offset);

    internal static int Errno => Marshal.GetLastPInvokeError();
}

internal sealed class SpillFile(int fd, TextWriter accessLog)
{
    private long _written;

    public int Append(ReadOnlySpan<byte> chunk, string requestId)
    {
        nint n = Libc.PWrite(fd, chunk, (nuint)chunk.Length, _written);
        if (n < 0)
        {
            accessLog.WriteLine($"{requestId} spill write failed at offset {_written}");
            return -/*~ASYS1001*/Libc.Errno;
        }

        _written += n;
        return (int)n;
    }
}
