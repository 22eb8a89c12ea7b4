using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.WalFtruncate;

internal static partial class WalNative
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fdatasync(int fd);
}

/// <summary>Recycles a checkpointed WAL segment for reuse: make it durable, then cut it back to empty.</summary>
internal sealed class SegmentRecycler
{
    public async Task RecycleAsync(int fd, CancellationToken cancellationToken)
    {
        await WalNative.FdatasyncAsync(fd, cancellationToken);
        if (/*~ASYS1007*/WalNative.Ftruncate(fd, 0) < 0)   // a metadata update that can take milliseconds, on a pool thread
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }
    }

    public static void RecycleNow(int fd)
    {
        if (WalNative.Ftruncate(fd, 0) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }
    }
}
