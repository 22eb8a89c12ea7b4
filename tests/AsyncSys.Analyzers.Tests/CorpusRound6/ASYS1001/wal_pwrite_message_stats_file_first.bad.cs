using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Errno.WalMessageFirst;

internal static class WalNative
{
    [DllImport("libc", SetLastError = true)]
    public static extern unsafe nint pwrite(int fd, byte* buffer, nuint count, long offset);
}

/// <summary>
/// Appends records to one WAL segment. Small records go through a synchronous pwrite (cheaper than a ring
/// round trip for the caller's thread); the flush goes through the ring.
/// </summary>
internal sealed class WalSegmentWriter
{
    private readonly IoRing _ring;
    private readonly string _path;
    private readonly int _fd;
    private long _tail;

    public WalSegmentWriter(IoRing ring, string path, int fd, long tail)
    {
        _ring = ring;
        _path = path;
        _fd = fd;
        _tail = tail;
    }

    public unsafe void AppendSmall(ReadOnlySpan<byte> record)
    {
        fixed (byte* p = record)
        {
            nint n = WalNative.pwrite(_fd, p, (nuint)record.Length, _tail);
            if (n < 0)
            {
                // The message is built before the errno argument is evaluated: FileInfo.Length is a stat(2).
                throw new IOException(
                    $"pwrite of {record.Length} bytes at {_tail} in {_path} ({new FileInfo(_path).Length} bytes on disk) failed", /*~ASYS1001*/Marshal.GetLastPInvokeError());
            }

            _tail += n;
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _ring.FdatasyncAsync(_fd, cancellationToken);
    }
}
