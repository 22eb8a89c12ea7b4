// The same atomic replace awaiting the directory fsync, so a failure reaches the caller before it reports the file done.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.Observed.DirectoryFsyncAwaited;

public sealed class AtomicReplacer(IoRing ring)
{
    public async Task ReplaceAsync(int dirFd, string tempName, string finalName, SafeFileHandle temp, CancellationToken ct)
    {
        await ring.FsyncAsync(temp, ct);
        await ring.SubmitAsync(RingRequest.RenameAt(dirFd, tempName, dirFd, finalName, 0), ct);
        await ring.FsyncAsync(dirFd, ct);
    }
}
