// A thumbnail worker rents its scratch buffer from ArrayPool for each job, reads the image into it with the ring and returns it after decoding.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.PerThread.ThumbnailScratchOk;

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
    public async Task<Thumbnail> MakeAsync(string path, CancellationToken cancellationToken)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using SafeFileHandle file = File.OpenHandle(path);
            int n = await ring.ReadAsync(file, scratch, 0, cancellationToken);
            return Thumbnail.Decode(scratch.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
