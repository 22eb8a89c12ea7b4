// A Redis-style pub/sub subscriber keeps one receive posted into a pooled inbox (started in Start, its task kept in a
// field). Close cancels and returns the inbox to the pool at once: cancellation is only a request, the receive can still
// complete into the array, by then rented by another connection, which parses a stranger's message.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.RedisSubscriberClose;

public sealed class Subscriber(IoRing ring, int fd)
{
    private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(32 * 1024);
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _pending;

    public void Start() => _pending = ring.ReceiveAsync(fd, _inbox, MessageFlags.None, _stop.Token).AsTask();

    public void Close()
    {
        _stop.Cancel();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_inbox);
    }
}
