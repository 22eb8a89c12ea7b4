// A content-addressed cache publishes a blob with rename and then starts an fsync of the shard directory so the entry
// survives a crash, but drops the ValueTask: nothing waits for it, its failure is never seen, and the pooled operation
// behind it is never given back. A crash after "stored" is reported can lose the blob.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.CasDirectoryFsyncDropped;

public sealed class ShardPublisher(IoRing ring)
{
    public async Task PublishAsync(int shardDirFd, string temporary, string final, CancellationToken ct)
    {
        await ring.OpenAtAsync(shardDirFd, temporary, 0, 0, ct);
        /*~ASYS1006*/ring.FsyncAsync(shardDirFd, ct);
    }
}
