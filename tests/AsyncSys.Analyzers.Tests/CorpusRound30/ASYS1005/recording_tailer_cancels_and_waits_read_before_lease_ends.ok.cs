// The recording tailer made right: when the recorder stops first, it cancels the pending read and waits for it to
// finish (cancelled or with data) before the `using` scope returns the lease to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.TailerLeaseWaitsRead;

public sealed class RecordingTailer(IoRing ring, int recordingFd, Task recorderStopped)
{
    private long _offset;

    public async Task<byte[]?> NextChunkAsync(CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(64 * 1024);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> read = ring.ReadAsync(recordingFd, lease.Memory, _offset, stop.Token).AsTask();
        if (await Task.WhenAny(read, recorderStopped) != read)
        {
            stop.Cancel();
            try
            {
                await read;
            }
            catch (OperationCanceledException)
            {
            }

            return null;
        }

        int n = await read;
        _offset += n;
        return lease.Memory.Slice(0, n).ToArray();
    }
}
