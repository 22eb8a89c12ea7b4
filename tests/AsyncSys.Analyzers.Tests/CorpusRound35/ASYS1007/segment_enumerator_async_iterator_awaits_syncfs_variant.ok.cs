// The replay iterator awaits the generated variant of its syncfs wrapper before yielding.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ReplayIteratorSyncfsAsync;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static extern int SyncFs(int fd);
}

public static partial class SpillVolume
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int MakeDurable(int spillDirFd) => Native.SyncFs(spillDirFd);
}

public sealed class SegmentReplayer(IoRing ring, int spillDirFd, IReadOnlyList<string> sealedSegments)
{
    public async IAsyncEnumerable<string> ReplayAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await SpillVolume.MakeDurableAsync(ring, spillDirFd, ct);
        foreach (string segment in sealedSegments)
        {
            await ring.NopAsync(ct);
            yield return segment;
        }
    }
}
