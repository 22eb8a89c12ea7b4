// The spill queue replays sealed segments through an async iterator; before yielding the first segment it makes the
// volume durable with the blocking syncfs wrapper. The iterator is async code: the consumer's pool thread is held for
// the whole syncfs.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ReplayIteratorSyncfs;

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
        /*~ASYS1007*/SpillVolume.MakeDurable(spillDirFd);
        foreach (string segment in sealedSegments)
        {
            await ring.NopAsync(ct);
            yield return segment;
        }
    }
}
