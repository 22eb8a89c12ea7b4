// The same segment roll with the trim awaited through the wrapper's generated variant, which runs it on the ring.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.Blocking.SegmentRollTruncateVariant;

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
            await Libc.FtruncateAsync(ring, activeFd, writtenLength, ct);
            await ring.CloseAsync(activeFd, ct);
        }
    }
}
