// The telemetry link awaits the first send before it encodes the second sample into the primary-constructor scratch, so the shared array is rewritten only when the kernel is done with it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorScratchOk;

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
        await firstSend.ConfigureAwait(false);
        BinaryPrimitives.WriteInt64BigEndian(scratch.AsSpan(4, 8), second);
        await ring.SendAsync(socketFd, scratch.AsMemory(0, n), 0, ct).ConfigureAwait(false);
    }
}
