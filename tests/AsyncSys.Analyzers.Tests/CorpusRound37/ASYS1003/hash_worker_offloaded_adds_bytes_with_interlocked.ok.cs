// The same hasher, the byte count added with Interlocked.Add: atomic across the workers.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.SharedState.HashWorkerInterlocked;

public sealed partial class ChunkHasher
{
    private long _bytesHashed;

    public long BytesHashed => Volatile.Read(ref _bytesHashed);

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int HashChunk(int fd, long offset, int length)
    {
        Interlocked.Add(ref _bytesHashed, length);
        return fd ^ (int)offset;
    }

    public async Task HashAllAsync(int fd, long size, CancellationToken ct)
    {
        var pending = new Task<int>[(int)((size + 65535) / 65536)];
        for (int i = 0; i < pending.Length; i++)
        {
            pending[i] = HashChunkAsync(fd, i * 65536L, 65536, ct).AsTask();
        }

        await Task.WhenAll(pending);
    }
}
