// The uploader made right: on a stall it cancels the write and still waits for it to finish (cancellation of an
// operation in flight completes it) before the lease goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.UploadLeaseTimeoutOk;

public sealed class ChunkLease : IDisposable
{
    private byte[]? _array;
    private readonly int _length;

    public ChunkLease(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        _length = length;
    }

    public Memory<byte> Memory => _array.AsMemory(0, _length);

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

public sealed class ChunkUploader(IoRing ring, int packFd, TimeSpan stallTimeout)
{
    public async Task<bool> UploadAsync(ChunkLease lease, long offset)
    {
        using var stall = new CancellationTokenSource(stallTimeout);
        try
        {
            await ring.WriteAsync(packFd, lease.Memory, offset, stall.Token);
            return true;
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            lease.Dispose();
        }
    }
}
