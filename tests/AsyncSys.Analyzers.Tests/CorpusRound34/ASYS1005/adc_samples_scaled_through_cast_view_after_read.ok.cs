// The audio-codec capture loop made right: gain is applied through the cast view after the read has completed.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.CodecGainAfterRead;

public sealed class CodecCapture(IoRing ring, int pcmFd)
{
    private readonly byte[] _period = new byte[4096];

    public async Task<int> CaptureAsync(int gainShift, CancellationToken ct)
    {
        int n = await ring.ReadAsync(pcmFd, _period, ct);
        Span<short> samples = MemoryMarshal.Cast<byte, short>(_period.AsSpan(0, n));
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(samples[i] << gainShift);
        }

        return n;
    }
}
