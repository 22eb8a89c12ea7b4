// The same fixture cancels, waits for the receive to finish (completed or cancelled), and only then returns the inbox.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.FixtureInboxReturnedAfterAwait;

public sealed class EchoServerFixture : IAsyncDisposable
{
    private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(4096);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _pending;

    public EchoServerFixture(IoRing ring, int socketFd)
    {
        _pending = ring.ReceiveAsync(socketFd, _inbox, MessageFlags.None, _stop.Token).AsTask();
    }

    public Task<int> FirstReceive => _pending;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _pending;
        }
        catch (OperationCanceledException)
        {
            // The receive was cancelled as asked.
        }

        ArrayPool<byte>.Shared.Return(_inbox);
        _stop.Dispose();
    }
}
