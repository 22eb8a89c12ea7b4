// A telemetry relay sends each binary frame to the collector and also mirrors it, Base64-encoded, to a text audit log; the encoder reads the frame (which the send only reads too) and writes its text into a second rented array, so the send's bytes are never touched.
using System;
using System.Buffers;
using System.Buffers.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.Base64InPlaceOk;

internal sealed class TelemetryRelay(IoRing ring, int collectorSocket, int auditFd)
{
    private long _auditOffset;

    public async Task RelayAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(frame.Length);
        byte[] text = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(frame.Length) + 1);
        try
        {
            frame.CopyTo(buffer);
            ValueTask<int> send = ring.SendAsync(collectorSocket, buffer.AsMemory(0, frame.Length), MessageFlags.None, ct);
            OperationStatus status = Base64.EncodeToUtf8(buffer.AsSpan(0, frame.Length), text, out _, out int encoded);
            if (status != OperationStatus.Done)
            {
                await send.ConfigureAwait(false);
                return;
            }

            await send.ConfigureAwait(false);
            text[encoded] = (byte)'\n';
            await ring.WriteAsync(auditFd, text.AsMemory(0, encoded + 1), _auditOffset, ct).ConfigureAwait(false);
            _auditOffset += encoded + 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
