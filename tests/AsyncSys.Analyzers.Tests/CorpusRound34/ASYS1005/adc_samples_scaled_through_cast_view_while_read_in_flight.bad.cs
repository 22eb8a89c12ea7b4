// An audio-codec capture loop reads 16-bit samples into a period buffer while it applies gain to the previous period
// in place through a MemoryMarshal.Cast<byte, short> view. A refactoring made both periods one buffer: the gain is now
// written into the bytes the capture read is filling.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.CodecGainThroughCast;

public sealed class CodecCapture(IoRing ring, int pcmFd)
{
    private readonly byte[] _period = new byte[4096];

    public async Task<int> CaptureAsync(int gainShift, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(pcmFd, _period, ct);
        Span<short> samples = MemoryMarshal.Cast<byte, short>(_period.AsSpan());
        for (int i = 0; i < samples.Length; i++)
        {
            /*~ASYS1005*/samples[i] = (short)(samples[i] << gainShift);
        }

        return await read;
    }
}
