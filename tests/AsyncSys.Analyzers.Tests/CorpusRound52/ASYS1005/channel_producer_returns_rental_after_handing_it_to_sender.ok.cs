// A publisher's producers rent an array, encode a message into it and hand the array itself through a Channel to the sender, which returns it to the pool after its ring send of the message ended; each rental has one owner at a time.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ChannelRentalReturnOk;

internal sealed class Publisher(IoRing ring, int socket)
{
    private readonly Channel<(byte[] Array, int Length)> _outbox = Channel.CreateBounded<(byte[] Array, int Length)>(64);

    public async Task PublishAsync(string topic, string body, CancellationToken ct)
    {
        int length = Encoding.UTF8.GetByteCount(topic) + 1 + Encoding.UTF8.GetByteCount(body);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        int n = Encoding.UTF8.GetBytes(topic, rented);
        rented[n++] = (byte)' ';
        n += Encoding.UTF8.GetBytes(body, rented.AsSpan(n));
        await _outbox.Writer.WriteAsync((rented, n), ct).ConfigureAwait(false);
    }

    public async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach ((byte[] array, int length) in _outbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await ring.SendAsync(socket, array.AsMemory(0, length), MessageFlags.None, ct).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}
