// A hosted telemetry listener arms one ring receive into a rented datagram buffer when it starts; StopAsync cancels the receive and hands the buffer back to the pool right away, then awaits the receive. Cancellation is only a request: until the receive's task ends the kernel may still complete it into the array another renter now owns.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus56.StopReturnsDatagramBad;

internal interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

internal sealed class TelemetryListener(IoRing ring, int socket) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[] _datagram = ArrayPool<byte>.Shared.Rent(9000);
    private Task<int>? _receive;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _receive = ring.ReceiveAsync(socket, _datagram, MessageFlags.None, _stopping.Token).AsTask();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_datagram);
        try
        {
            if (_receive is not null)
            {
                await _receive.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
