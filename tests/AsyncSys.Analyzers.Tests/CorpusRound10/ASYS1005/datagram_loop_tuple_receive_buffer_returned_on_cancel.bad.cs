using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.InFlight.DatagramTuple;

internal readonly record struct Datagram(byte[] Buffer, int Length);

/// <summary>
/// A UDP receive loop feeding a bounded channel: the next receive is posted first, then the loop waits for room in
/// the channel, so the kernel can fill the buffer while the consumer catches up.
/// </summary>
internal sealed class DatagramPump(IoRing ring, int fd, ChannelWriter<Datagram> output)
{
    private const int MaxDatagram = 1500;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (true)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
            (ValueTask<int> Receive, byte[] Buffer) pending = (ring.ReceiveAsync(fd, buffer), buffer);
            try
            {
                if (!await output.WaitToWriteAsync(stopping))
                {
                    throw new ChannelClosedException();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                // Stopping or closed: the receive is still posted, and the next datagram lands in whoever rents this array.
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(pending.Buffer);
                throw;
            }

            int n = await pending.Receive;
            await output.WriteAsync(new Datagram(pending.Buffer, n), stopping);
        }
    }
}
