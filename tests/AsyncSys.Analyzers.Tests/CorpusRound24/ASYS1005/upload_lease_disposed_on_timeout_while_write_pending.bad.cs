// A backup uploader wraps its pooled chunk in a small lease type whose Dispose returns the array to the pool. It races
// the pack write against a stall timeout and, on timeout, disposes the lease and reports a stall. The write is still
// queued: it later reads a buffer the pool has lent to the next chunk and stores that chunk's bytes under this chunk's
// hash.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.InFlight.UploadLeaseTimeout;

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
        Task write = ring.WriteAsync(packFd, lease.Memory, offset).AsTask();
        if (await Task.WhenAny(write, Task.Delay(stallTimeout)) != write)
        {
            /*~ASYS1005*/lease.Dispose();
            return false;
        }

        await write;
        lease.Dispose();
        return true;
    }
}
