// A telemetry relay sends each binary frame to the collector and also mirrors it, Base64-encoded, to a text audit log; to save an allocation it encodes the frame in place (Base64.EncodeToUtf8InPlace) in the same rented array right after starting the send, so the send may put the Base64 text on the wire instead of the frame.
using System;
using System.Buffers;
using System.Buffers.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.Base64InPlaceBad;

internal sealed class TelemetryRelay(IoRing ring, int collectorSocket, int auditFd)
{
    private long _auditOffset;

    public async Task RelayAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(frame.Length) + 1);
        try
        {
            frame.CopyTo(buffer);
            ValueTask<int> send = ring.SendAsync(collectorSocket, buffer.AsMemory(0, frame.Length), MessageFlags.None, ct);
            /*~ASYS1005*/OperationStatus status = Base64.EncodeToUtf8InPlace(buffer, frame.Length, out int encoded);
            if (status != OperationStatus.Done)
            {
                await send.ConfigureAwait(false);
                return;
            }

            await send.ConfigureAwait(false);
            buffer[encoded] = (byte)'\n';
            await ring.WriteAsync(auditFd, buffer.AsMemory(0, encoded + 1), _auditOffset, ct).ConfigureAwait(false);
            _auditOffset += encoded + 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
