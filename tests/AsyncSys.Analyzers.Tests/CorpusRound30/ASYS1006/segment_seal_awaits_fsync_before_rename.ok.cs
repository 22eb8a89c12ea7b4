// The HLS segment sealer made right: the fsync is awaited before the rename publishes the segment, so its failure
// surfaces and the segment is durable when the playlist names it.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.SegmentSealAwaitsFsync;

public sealed class SegmentSealer(IoRing ring)
{
    private const int AT_FDCWD = -100;

    public async Task SealAsync(int fd, string tempPath, string finalPath, CancellationToken ct)
    {
        await ring.FsyncAsync(fd, ct);
        await ring.SubmitAsync(RingRequest.RenameAt(AT_FDCWD, tempPath, AT_FDCWD, finalPath, 0), ct);
        await ring.CloseAsync(fd, ct);
    }
}
