// A checkpointer factored its durability step into a helper, SyncDirectoryAsync, that returns the fsync wrapper's generated variant; the async commit awaits it after awaiting the rename.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.CheckpointDirSyncOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class Checkpointer(IoRing ring, int dirFd)
{
    private ValueTask<int> SyncDirectoryAsync(CancellationToken ct) => Native.FsyncAsync(ring, dirFd, ct);

    public async Task CommitAsync(string temporary, string final, CancellationToken ct)
    {
        await ring.SubmitAsync(RingRequest.RenameAt(dirFd, temporary, dirFd, final, 0), ct).ConfigureAwait(false);
        await SyncDirectoryAsync(ct).ConfigureAwait(false);
    }
}
