// A checkpointer factored its durability step into a synchronous helper, SyncDirectory, that calls the blocking fsync wrapper; the async commit calls that helper after awaiting the rename, so the pool thread running the commit blocks for the whole directory fsync although the wrapper's generated variant exists.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.CheckpointDirSyncBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class Checkpointer(IoRing ring, int dirFd)
{
    private void SyncDirectory()
    {
        if (Native.Fsync(dirFd) != 0)
        {
            throw new IOException("fsync of the checkpoint directory failed, errno " + Marshal.GetLastPInvokeError());
        }
    }

    public async Task CommitAsync(string temporary, string final, CancellationToken ct)
    {
        await ring.SubmitAsync(RingRequest.RenameAt(dirFd, temporary, dirFd, final, 0), ct).ConfigureAwait(false);
        /*~ASYS1007*/SyncDirectory();
    }
}
