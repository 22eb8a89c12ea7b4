// A backup tool flushes a finished snapshot according to its configured durability with a switch expression over ring operations whose ValueTask is discarded, then publishes the snapshot.
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Unobserved.DurabilitySwitchDiscarded;

public enum Durability
{
    None,
    Data,
    Full,
}

public sealed class SnapshotWriter(IoRing ring, Durability durability)
{
    public async Task CommitAsync(int fd, string stagingPath, string snapshotPath, CancellationToken cancellationToken)
    {
        /*~ASYS1006*/_ = durability switch { Durability.Full => ring.FsyncAsync(fd, cancellationToken), Durability.Data => ring.FdatasyncAsync(fd, cancellationToken), _ => ValueTask.CompletedTask };
        File.Move(stagingPath, snapshotPath, overwrite: true);
        await ring.CloseAsync(fd, cancellationToken);
    }
}
