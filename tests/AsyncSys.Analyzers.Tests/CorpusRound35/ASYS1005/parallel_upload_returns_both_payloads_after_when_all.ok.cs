// The uploader sends two compressed payloads to two collectors at once and returns both pooled arrays only after
// Task.WhenAll of both sends has completed.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.ParallelUploadWhenAll;

public sealed class FanOutUploader(IoRing ring, int primaryFd, int mirrorFd)
{
    public async Task<int> UploadAsync(ReadOnlyMemory<byte> batch)
    {
        byte[] primary = ArrayPool<byte>.Shared.Rent(batch.Length);
        byte[] mirror = ArrayPool<byte>.Shared.Rent(batch.Length);
        try
        {
            batch.CopyTo(primary);
            batch.CopyTo(mirror);
            Task<int> a = ring.SendAsync(primaryFd, primary.AsMemory(0, batch.Length)).AsTask();
            Task<int> b = ring.SendAsync(mirrorFd, mirror.AsMemory(0, batch.Length)).AsTask();
            int[] sent = await Task.WhenAll(a, b);
            return Math.Min(sent[0], sent[1]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(primary);
            ArrayPool<byte>.Shared.Return(mirror);
        }
    }
}
