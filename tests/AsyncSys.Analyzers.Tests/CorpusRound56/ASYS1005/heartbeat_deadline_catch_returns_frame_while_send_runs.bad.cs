// A hosted heartbeat sender gives each beat a 250 ms deadline (a linked token with CancelAfter): it starts the beat's send, then waits for the peer's ack of the previous beat under the deadline. When the ack is late the wait throws OperationCanceledException and the catch returns the beat's rented frame to the pool, though the send, only asked to cancel, has not been awaited and may still be reading it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.HeartbeatDeadlineBad;

internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task RunAsync(CancellationToken stoppingToken) => ExecuteAsync(stoppingToken);
}

internal sealed class HeartbeatSender(IoRing ring, int socket, SemaphoreSlim acks) : BackgroundService
{
    private long _beat;
    private int _missed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var period = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await period.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            byte[] frame = ArrayPool<byte>.Shared.Rent(16);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(TimeSpan.FromMilliseconds(250));
            try
            {
                BinaryPrimitives.WriteInt64BigEndian(frame, ++_beat);
                BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(8), DateTime.UtcNow.Ticks);
                ValueTask<int> send = ring.SendAsync(socket, frame.AsMemory(0, 16), MessageFlags.None, deadline.Token);
                await acks.WaitAsync(deadline.Token).ConfigureAwait(false);
                await send.ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(frame);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                _missed++;
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }
}
