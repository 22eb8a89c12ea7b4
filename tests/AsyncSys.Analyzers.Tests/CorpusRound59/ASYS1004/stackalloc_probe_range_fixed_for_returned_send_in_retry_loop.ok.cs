// The prober encodes into an array of its own and returns the send over the range [..n] of that array: heap memory the send keeps alive however long the caller takes to await it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.StackProbeRangeOk;

internal sealed class HealthProber(IoRing ring, int socketFd)
{
    public ValueTask<int> SendProbeAsync(int sequence, CancellationToken ct)
    {
        byte[] probe = new byte[64];
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                int n = Encode(probe, sequence, attempt);
                return ring.SendAsync(socketFd, probe.AsMemory()[..n], MessageFlags.None, ct);
            }
            catch (ArgumentException) when (attempt < 3)
            {
                continue;
            }
        }
    }

    private static int Encode(Span<byte> probe, int sequence, int attempt)
    {
        BinaryPrimitives.WriteInt32LittleEndian(probe, sequence);
        BinaryPrimitives.WriteInt32LittleEndian(probe[4..], attempt);
        return 8;
    }
}
