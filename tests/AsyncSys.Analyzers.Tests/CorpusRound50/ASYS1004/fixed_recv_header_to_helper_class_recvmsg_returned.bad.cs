// A telemetry collector pins its header array with fixed and passes the address to a helper of another class that submits RingRequest.RecvMsg and returns the operation; the collector returns that operation from inside the fixed block, so the pin ends while the kernel still writes the header and the GC may move the array.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.FixedRecvHelperBad;

internal static class RecvRequests
{
    public static ValueTask<int> Start(IoRing ring, int socket, nint header, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.RecvMsg(socket, header, MessageFlags.None), ct);
}

internal sealed unsafe class TelemetryCollector(IoRing ring, int socket)
{
    private readonly byte[] _header = new byte[64];

    public ValueTask<int> ReceiveAsync(CancellationToken ct)
    {
        fixed (byte* header = _header)
        {
            return RecvRequests.Start(ring, socket, /*~ASYS1004*/(nint)header, ct);
        }
    }
}
