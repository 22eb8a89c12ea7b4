// A broker session starts its receive into a pooled inbox when the client connects, keeping the task in a field. On
// disconnect, DisposeAsync cancels the receive and returns the inbox to the pool before awaiting that task. A cancel is
// only a request: a CONNECT or PUBLISH that arrives meanwhile is written into an array another session now owns.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.SessionDisposeReturnsInboxEarly;

public sealed class BrokerSession : System.IAsyncDisposable
{
    private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _receive;

    public BrokerSession(IoRing ring, int clientFd)
    {
        _receive = ring.ReceiveAsync(clientFd, _inbox, MessageFlags.None, _stop.Token).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_inbox);
        try
        {
            await _receive;
        }
        catch (System.OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
