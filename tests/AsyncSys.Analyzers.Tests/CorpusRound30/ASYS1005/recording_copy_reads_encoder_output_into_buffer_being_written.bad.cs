// A recording service copies the encoder's output stream into the recording file, overlapping the two: it starts the
// ring write of a chunk and, before awaiting it, reads the next chunk from the encoder into the same array. The read
// overwrites bytes the write has not reached yet, so the recording holds pieces of the next chunk in place of this one
// (corrupt MPEG-TS packets, visible glitches on playback).
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.RecordingCopySingleBuffer;

public sealed class RecordingCopier(IoRing ring)
{
    public async Task<long> CopyAsync(Stream encoderOutput, int recordingFd, CancellationToken ct)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(256 * 1024);
        long offset = 0;
        int n = await encoderOutput.ReadAsync(chunk, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(recordingFd, chunk.AsMemory(0, n), offset, ct);
            offset += n;
            int next = await /*~ASYS1005*/encoderOutput.ReadAsync(chunk, ct);
            await write;
            n = next;
        }

        // on an exception the array is left to the GC: it may still be under a write
        ArrayPool<byte>.Shared.Return(chunk);
        return offset;
    }
}
