// A thumbnail worker keeps "one scratch buffer per thread" in a ConcurrentDictionary keyed by the managed thread id, reads the image into it with the ring and decodes it after the await.
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.PerThread.ThumbnailScratch;

public readonly record struct Thumbnail(int Width, int Height, byte Average)
{
    public static Thumbnail Decode(ReadOnlySpan<byte> image)
    {
        if (image.Length < 26) return default;
        int width = BitConverter.ToInt32(image[18..22]);
        int height = BitConverter.ToInt32(image[22..26]);
        long sum = 0;
        foreach (byte b in image) sum += b;
        return new Thumbnail(width / 8, height / 8, (byte)(sum / image.Length));
    }
}

public sealed class ThumbnailWorker(IoRing ring)
{
    // Without [ThreadStatic]: the thread id is the key, so each thread gets its own array.
    private readonly ConcurrentDictionary<int, byte[]> _scratchByThread = new();

    public async Task<Thumbnail> MakeAsync(string path, CancellationToken cancellationToken)
    {
        byte[] scratch = _scratchByThread.GetOrAdd(Environment.CurrentManagedThreadId, static _ => new byte[1 << 20]);
        using SafeFileHandle file = File.OpenHandle(path);
        int n = await ring.ReadAsync(file, scratch, 0, cancellationToken);

        // While this read waited, the first thread started another job, which got the same array and read into it.
        return Thumbnail.Decode(/*~ASYS1002*/scratch.AsSpan(0, n));
    }
}
