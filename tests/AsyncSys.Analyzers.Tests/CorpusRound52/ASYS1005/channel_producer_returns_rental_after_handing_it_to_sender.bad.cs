// A publisher's producers rent an array, encode a message into it, hand it to the sender through a Channel<ReadOnlyMemory<byte>> and return it to the pool as soon as the channel accepted it; the sender's ring send of that memory may not even have started, and the next Rent hands the array to another producer.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ChannelRentalReturnBad;

internal sealed class Publisher(IoRing ring, int socket)
{
    private readonly Channel<ReadOnlyMemory<byte>> _outbox = Channel.CreateBounded<ReadOnlyMemory<byte>>(64);

    public async Task PublishAsync(string topic, string body, CancellationToken ct)
    {
        int length = Encoding.UTF8.GetByteCount(topic) + 1 + Encoding.UTF8.GetByteCount(body);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        int n = Encoding.UTF8.GetBytes(topic, rented);
        rented[n++] = (byte)' ';
        n += Encoding.UTF8.GetBytes(body, rented.AsSpan(n));
        await _outbox.Writer.WriteAsync(rented.AsMemory(0, n), ct).ConfigureAwait(false);
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(rented);
    }

    public async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach (ReadOnlyMemory<byte> message in _outbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await ring.SendAsync(socket, message, MessageFlags.None, ct).ConfigureAwait(false);
        }
    }
}
