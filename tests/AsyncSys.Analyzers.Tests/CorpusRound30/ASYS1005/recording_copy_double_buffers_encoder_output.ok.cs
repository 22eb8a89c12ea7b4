// The recording copier made right: two pooled arrays alternate, so the next chunk is read from the encoder into the
// array that is not being written, and each write is awaited before its array is read into again.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.RecordingCopyDoubleBuffer;

public sealed class RecordingCopier(IoRing ring)
{
    public async Task<long> CopyAsync(Stream encoderOutput, int recordingFd, CancellationToken ct)
    {
        byte[] front = ArrayPool<byte>.Shared.Rent(256 * 1024);
        byte[] back = ArrayPool<byte>.Shared.Rent(256 * 1024);
        long offset = 0;
        int n = await encoderOutput.ReadAsync(front, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(recordingFd, front.AsMemory(0, n), offset, ct);
            offset += n;
            int next = await encoderOutput.ReadAsync(back, ct);
            await write;
            (front, back) = (back, front);
            n = next;
        }

        // on an exception the arrays are left to the GC: one may still be under a write
        ArrayPool<byte>.Shared.Return(front);
        ArrayPool<byte>.Shared.Return(back);
        return offset;
    }
}
