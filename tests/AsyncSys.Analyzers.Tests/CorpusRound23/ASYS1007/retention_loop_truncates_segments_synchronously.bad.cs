// An async retention loop cuts segments back to their retained size with the blocking ftruncate wrapper although the
// wrapper's generated FTruncateAsync exists. Each call blocks a thread-pool thread for the whole truncate (seconds on a
// large file on a busy disk); with many partitions the pool starves and fetch requests time out.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Blocking.RetentionTruncateSync;

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
            if (/*~ASYS1007*/SegmentSyscalls.FTruncate(fd, keepBytes) != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
            }
        }
    }
}
