// A live-recording tailer reads the growing file into a pooled lease, racing the read against the recorder's "stopped"
// signal. When the recorder stops first the method returns, and the `using` declaration hands the lease back to the pool
// while the read is still in flight; the kernel then writes recording bytes into memory another request has rented (a
// thumbnail job's frame or a response being sent).
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.TailerLeaseOnStop;

public sealed class RecordingTailer(IoRing ring, int recordingFd, Task recorderStopped)
{
    private long _offset;

    public async Task<byte[]?> NextChunkAsync(CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(64 * 1024);
        Task<int> read = ring.ReadAsync(recordingFd, lease.Memory, _offset, ct).AsTask();
        if (await Task.WhenAny(read, recorderStopped) != read)
        {
            return null;
        }

        int n = await read;
        _offset += n;
        return lease.Memory.Slice(0, n).ToArray();
    }
}
