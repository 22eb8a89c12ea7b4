// A route subscription sends its multicast-group request in the constructor and keeps the send's ValueTask in a field.
// WaitSubscribedAsync awaits it at start-up, and DisposeAsync awaits the same field again to make sure the send
// finished. The second await consumes a ValueTask already consumed: its source may serve another operation by then, so
// shutdown hangs or throws an unrelated operation's error.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Discarded.RouteSubscriptionAwaitedTwice;

public sealed class RouteSubscription : IAsyncDisposable
{
    private readonly ValueTask<int> _subscribe;

    public RouteSubscription(IoRing ring, int netlinkFd, byte[] request)
    {
        _subscribe = ring.SendAsync(netlinkFd, request);
    }

    public async Task WaitSubscribedAsync()
    {
        int sent = await _subscribe;
        if (sent <= 0)
        {
            throw new InvalidOperationException("route subscription request was not sent");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            /*~ASYS1006*/await _subscribe;
        }
        catch (ErrnoException)
        {
        }
    }
}
