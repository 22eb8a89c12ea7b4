// A parallel hasher hashes chunks with an offloaded wrapper (a blocking-call worker per chunk) that also counts the
// bytes hashed in a field of the shared hasher for the progress bar. Several workers run it at once on the same object:
// `+=` is a read-modify-write, updates are lost and the progress never reaches 100 %.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.SharedState.HashWorkerBytesField;

public sealed partial class ChunkHasher
{
    private long _bytesHashed;

    public long BytesHashed => Volatile.Read(ref _bytesHashed);

    [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
    public int HashChunk(int fd, long offset, int length)
    {
        /*~ASYS1003*/_bytesHashed += length;
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
