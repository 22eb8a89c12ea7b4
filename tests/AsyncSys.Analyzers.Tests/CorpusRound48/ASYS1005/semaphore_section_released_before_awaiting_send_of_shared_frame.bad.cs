// A framed sender migrated from a lock around a blocking send: the SemaphoreSlim section frames the payload into the sender's one frame buffer and starts the send, but releases the semaphore before awaiting it. The next caller enters the section and frames its payload into the same buffer while the first send still reads it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.FramedSenderBad;

internal sealed class FramedSender(IoRing ring, int socket)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _frame = new byte[64 * 1024];

    public async Task<int> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ValueTask<int> send;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(_frame, payload.Length);
            payload.Span.CopyTo(_frame.AsSpan(4));
            send = ring.SendAsync(socket, _frame.AsMemory(0, 4 + payload.Length), MessageFlags.None, ct);
        }
        finally
        {
            /*~ASYS1005*/_gate.Release();
        }

        return await send.ConfigureAwait(false);
    }
}
