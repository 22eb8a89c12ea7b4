// A backup tool flushes a finished snapshot according to its configured durability by awaiting a switch expression over ring operations, then publishes the snapshot.
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Unobserved.DurabilitySwitchDiscardedOk;

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
        await (durability switch { Durability.Full => ring.FsyncAsync(fd, cancellationToken), Durability.Data => ring.FdatasyncAsync(fd, cancellationToken), _ => ValueTask.CompletedTask });
        File.Move(stagingPath, snapshotPath, overwrite: true);
        await ring.CloseAsync(fd, cancellationToken);
    }
}
