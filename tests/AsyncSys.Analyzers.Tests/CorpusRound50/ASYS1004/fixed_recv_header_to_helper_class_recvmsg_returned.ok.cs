// A telemetry collector pins its header array once with a pinned GCHandle (freed in Dispose) and passes its address to a helper of another class that submits RingRequest.RecvMsg and returns the operation; the array stays put for as long as the collector lives.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.FixedRecvHelperOk;

internal static class RecvRequests
{
    public static ValueTask<int> Start(IoRing ring, int socket, nint header, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.RecvMsg(socket, header, MessageFlags.None), ct);
}

internal sealed class TelemetryCollector : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly byte[] _header = new byte[64];
    private GCHandle _pin;

    public TelemetryCollector(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _pin = GCHandle.Alloc(_header, GCHandleType.Pinned);
    }

    public ValueTask<int> ReceiveAsync(CancellationToken ct) =>
        RecvRequests.Start(_ring, _socket, _pin.AddrOfPinnedObject(), ct);

    public void Dispose() => _pin.Free();
}
