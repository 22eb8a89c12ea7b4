// The roller's async loop awaits the ftruncate variant; its synchronous Dispose, which has no async caller, trims the
// current segment with the blocking wrapper on purpose.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.RollerFtruncateAsync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ftruncate(int fd, long length);
}

public sealed class SegmentRoller(Channel<(int Fd, long KeepBytes)> full, int currentFd, long currentLength) : IDisposable
{
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var (fd, keep) in full.Reader.ReadAllAsync(ct))
        {
            await Native.FtruncateAsync(fd, keep, ct);
        }
    }

    public void Dispose() => Native.Ftruncate(currentFd, currentLength);
}
