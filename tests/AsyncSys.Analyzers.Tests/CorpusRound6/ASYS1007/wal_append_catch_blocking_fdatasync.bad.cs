using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.WalCatchFdatasync;

internal static partial class WalNative
{
    public const int ENOSPC = 28;

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fdatasync(int fd);
}

/// <summary>
/// On a full disk the appender makes what it wrote so far durable before it reports the failure, with the
/// blocking wrapper, from an async method.
/// </summary>
internal sealed class WalAppender
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;

    public WalAppender(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        try
        {
            await _ring.WriteAsync(_fd, record, _tail, cancellationToken);
            _tail += record.Length;
        }
        catch (ErrnoException e) when (e.Errno == WalNative.ENOSPC)
        {
            /*~ASYS1007*/WalNative.Fdatasync(_fd);
            throw;
        }
    }
}
