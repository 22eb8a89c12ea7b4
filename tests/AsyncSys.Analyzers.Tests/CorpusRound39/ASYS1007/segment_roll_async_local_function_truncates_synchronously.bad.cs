// When the active segment is full the broker seals it (fdatasync, trim the preallocated tail, close) in an async local
// function and opens the next one. The trim calls the blocking ftruncate wrapper although its generated variant exists:
// on a slow disk it holds a thread-pool thread for the whole call, and with many partitions rolling at once the pool
// starves and fetch latency spikes.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Blocking.SegmentRollTruncate;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ftruncate(int fd, long length);
}

public sealed class SegmentRoller(IoRing ring)
{
    public async Task<int> RollAsync(int activeFd, long writtenLength, Func<CancellationToken, Task<int>> openNext, CancellationToken ct)
    {
        await SealAsync();
        return await openNext(ct);

        async Task SealAsync()
        {
            await ring.FdatasyncAsync(activeFd, ct);
            if (/*~ASYS1007*/Libc.Ftruncate(activeFd, writtenLength) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
            }

            await ring.CloseAsync(activeFd, ct);
        }
    }
}
