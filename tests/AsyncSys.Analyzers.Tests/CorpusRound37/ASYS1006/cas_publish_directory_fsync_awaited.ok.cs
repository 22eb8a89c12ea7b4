// The same publish, the directory fsync awaited before the blob is reported stored.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.CasDirectoryFsyncAwaited;

public sealed class ShardPublisher(IoRing ring)
{
    public async Task PublishAsync(int shardDirFd, string temporary, string final, CancellationToken ct)
    {
        await ring.OpenAtAsync(shardDirFd, temporary, 0, 0, ct);
        await ring.FsyncAsync(shardDirFd, ct);
    }
}
