using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.WalFtruncateVariant;

internal static partial class WalNative
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Ftruncate(int fd, long length);

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fdatasync(int fd);
}

/// <summary>The same recycler awaiting the generated variant (it throws ErrnoException itself); the synchronous path stays blocking.</summary>
internal sealed class SegmentRecycler
{
    public async Task RecycleAsync(int fd, CancellationToken cancellationToken)
    {
        await WalNative.FdatasyncAsync(fd, cancellationToken);
        await WalNative.FtruncateAsync(fd, 0, cancellationToken);
    }

    public static void RecycleNow(int fd)
    {
        if (WalNative.Ftruncate(fd, 0) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }
    }
}
