// A liveness prober encodes an 8-byte probe into an array of its own and returns the send's `AsTask().WaitAsync(timeout, ct)`; the array lives as long as the send holds it, timeout or not.
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ProbeStackWaitOk;

internal sealed class LivenessProber(IoRing ring, int socket)
{
    public Task<int> ProbeAsync(TimeSpan timeout, CancellationToken ct)
    {
        byte[] probe = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(probe, Stopwatch.GetTimestamp());
        return ring.SendAsync(socket, probe, MessageFlags.NoSignal, ct).AsTask().WaitAsync(timeout, ct);
    }
}
