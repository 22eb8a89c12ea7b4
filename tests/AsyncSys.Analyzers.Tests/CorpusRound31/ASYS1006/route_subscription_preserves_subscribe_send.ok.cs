// The route subscription made right: the send's ValueTask is preserved in the constructor, so start-up and shutdown
// may both await it.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Discarded.RouteSubscriptionPreserved;

public sealed class RouteSubscription : IAsyncDisposable
{
    private readonly ValueTask<int> _subscribe;

    public RouteSubscription(IoRing ring, int netlinkFd, byte[] request)
    {
        _subscribe = ring.SendAsync(netlinkFd, request).Preserve();
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
            await _subscribe;
        }
        catch (ErrnoException)
        {
        }
    }
}
