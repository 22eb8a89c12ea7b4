// An HLS segmenter seals a finished segment: fsync the temporary file, rename it into place, close it. The fsync's task
// is dropped, so the rename (and the playlist update after it) can happen before the data is durable, and an fsync
// failure (EIO on a dying disk) is never seen: after a crash the playlist names a segment with a hole in it.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.SegmentSealDroppedFsync;

public sealed class SegmentSealer(IoRing ring)
{
    private const int AT_FDCWD = -100;

    public async Task SealAsync(int fd, string tempPath, string finalPath, CancellationToken ct)
    {
        /*~ASYS1006*/ring.FsyncAsync(fd, ct);
        await ring.SubmitAsync(RingRequest.RenameAt(AT_FDCWD, tempPath, AT_FDCWD, finalPath, 0), ct);
        await ring.CloseAsync(fd, ct);
    }
}
