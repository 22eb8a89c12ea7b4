// A hosted heartbeat sender gives each beat a 250 ms deadline (a linked token with CancelAfter) and waits for the peer's ack of the previous beat under it while the beat's send runs. When the deadline fires, the catch first awaits the cancelled send (cancel is only a request) and returns the rented frame to the pool after that.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.HeartbeatDeadlineOk;

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
            Task<int>? send = null;
            try
            {
                BinaryPrimitives.WriteInt64BigEndian(frame, ++_beat);
                BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(8), DateTime.UtcNow.Ticks);
                send = ring.SendAsync(socket, frame.AsMemory(0, 16), MessageFlags.None, deadline.Token).AsTask();
                await acks.WaitAsync(deadline.Token).ConfigureAwait(false);
                await send.ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(frame);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                _missed++;
                if (send is not null)
                {
                    try
                    {
                        await send.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                ArrayPool<byte>.Shared.Return(frame);
            }
        }
    }
}
