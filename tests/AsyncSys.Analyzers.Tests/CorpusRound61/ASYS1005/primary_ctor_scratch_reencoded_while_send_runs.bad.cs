// A telemetry link takes its scratch array as a primary-constructor parameter, which the compiler keeps in a hidden field every member of the instance shares. SendPairAsync encodes the first sample into the scratch, starts its send and keeps the task, encodes the second sample into the same scratch and only then awaits the first send: the kernel may still be copying the first frame out of the bytes being overwritten.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorScratchBad;

internal sealed class TelemetryLink(IoRing ring, int socketFd, byte[] scratch)
{
    private int Encode(long sample, uint sequence)
    {
        BinaryPrimitives.WriteUInt32BigEndian(scratch.AsSpan(0, 4), sequence);
        BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(4, 8), sample);
        return 12;
    }

    public async Task SendPairAsync(long first, long second, uint sequence, CancellationToken ct)
    {
        int n = Encode(first, sequence);
        ValueTask<int> firstSend = ring.SendAsync(socketFd, scratch.AsMemory(0, n), 0, ct);
        /*~ASYS1005*/BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(4, 8), second);
        await firstSend.ConfigureAwait(false);
        await ring.SendAsync(socketFd, scratch.AsMemory(0, n), 0, ct).ConfigureAwait(false);
    }
}
