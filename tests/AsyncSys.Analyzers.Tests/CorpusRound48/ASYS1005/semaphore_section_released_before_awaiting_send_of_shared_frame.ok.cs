// A framed sender migrated from a lock around a blocking send: the SemaphoreSlim section frames the payload into the sender's one frame buffer, starts the send and awaits it before releasing the semaphore, so the next caller frames into the buffer only after the send is done with it.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.FramedSenderOk;

internal sealed class FramedSender(IoRing ring, int socket)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _frame = new byte[64 * 1024];

    public async Task<int> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(_frame, payload.Length);
            payload.Span.CopyTo(_frame.AsSpan(4));
            return await ring.SendAsync(socket, _frame.AsMemory(0, 4 + payload.Length), MessageFlags.None, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
