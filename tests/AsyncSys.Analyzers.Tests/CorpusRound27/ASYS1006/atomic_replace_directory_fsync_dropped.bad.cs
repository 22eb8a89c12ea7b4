// A sync tool replaces a file atomically: fsync the temp file, renameat it over the target, then fsync the directory so
// the rename survives a crash. The directory fsync's task is dropped: the caller closes the directory descriptor right
// after, an EIO is never seen, and the replace may be lost on power failure although the tool reported it done.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.Observed.DirectoryFsyncDropped;

public sealed class AtomicReplacer(IoRing ring)
{
    public async Task ReplaceAsync(int dirFd, string tempName, string finalName, SafeFileHandle temp, CancellationToken ct)
    {
        await ring.FsyncAsync(temp, ct);
        await ring.SubmitAsync(RingRequest.RenameAt(dirFd, tempName, dirFd, finalName, 0), ct);
        /*~ASYS1006*/ring.FsyncAsync(dirFd, ct);
    }
}
