// A broadcaster's producer rents a frame, starts its send and writes the (frame, send) pair into a Channel so a completer can reap sends in order; the completer's `await foreach` returns each frame to the pool first and awaits its send after, so the next rent may overwrite a frame the kernel is still sending.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.SendPairsBad;

internal sealed class Broadcaster(IoRing ring, int socket)
{
    private readonly Channel<(byte[] Frame, ValueTask<int> Send)> _inFlight =
        Channel.CreateBounded<(byte[] Frame, ValueTask<int> Send)>(32);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(frame);
        ValueTask<int> send = ring.SendAsync(socket, frame.AsMemory(0, payload.Length), MessageFlags.NoSignal, ct);
        await _inFlight.Writer.WriteAsync((frame, send), ct).ConfigureAwait(false);
    }

    public void Complete() => _inFlight.Writer.Complete();

    public async Task ReapAsync(CancellationToken ct)
    {
        await foreach ((byte[] frame, ValueTask<int> send) in _inFlight.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
            await send.ConfigureAwait(false);
        }
    }
}
