// A test fixture for an echo-server test class starts one ring receive into a pooled inbox in its constructor and keeps
// the task in a field. Its DisposeAsync cancels, returns the inbox to the pool and only then awaits the receive.
// Cancellation is a request: the receive may still complete into the array, which the next test (running in parallel
// in another class) has already rented, and that test sees bytes it never sent.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.FixtureInboxReturnedEarly;

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
        ArrayPool<byte>.Shared.Return(/*~ASYS1005*/_inbox);
        try
        {
            await _pending;
        }
        catch (OperationCanceledException)
        {
            // The receive was cancelled as asked.
        }

        _stop.Dispose();
    }
}
