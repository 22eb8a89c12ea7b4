// The same retention loop made right: it awaits the wrapper's generated FTruncateAsync (which throws ErrnoException
// with the errno captured on the thread that made the call).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Blocking.RetentionTruncateAsync;

internal static partial class SegmentSyscalls
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int FTruncate(int fd, long length);
}

public sealed class RetentionWorker
{
    public async Task EnforceAsync(IReadOnlyList<(int Fd, long KeepBytes)> segments, CancellationToken ct)
    {
        foreach (var (fd, keepBytes) in segments)
        {
            await Task.Delay(10, ct);
            await SegmentSyscalls.FTruncateAsync(fd, keepBytes, ct);
        }
    }
}
