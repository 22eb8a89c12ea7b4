using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Blocking.LogTailSeekOk;

internal static partial class Native
{
    [DllImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static extern long lseek(int fd, long offset, int whence);
}

/// <summary>A log shipper polls a file for growth and ships the new bytes.</summary>
internal sealed class Tailer(IoRing ring, int fd, Func<ReadOnlyMemory<byte>, Task> ship)
{
    private const int SEEK_END = 2;
    private long _position;

    public async Task FollowAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            long end = await Native.lseekAsync(ring, fd, 0, SEEK_END, cancellationToken);
            if (end < _position)
            {
                _position = 0;
            }

            while (_position < end)
            {
                int n = await ring.ReadAsync(fd, buffer, _position, cancellationToken);
                if (n <= 0)
                {
                    break;
                }

                await ship(buffer.AsMemory(0, n));
                _position += n;
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }
}
