// The client frame loop made right: the reply's Result is read only when IsCompletedSuccessfully says the receive has
// finished; otherwise the frame awaits it.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.ResultAfterCheck;

public interface IPrediction
{
    void SimulateFrame();
    void Reconcile(byte[] serverState, int length);
}

public sealed class FrameLoop(IoRing ring, int fd, IPrediction prediction)
{
    private readonly byte[] _reply = new byte[1500];

    public async Task RunFrameAsync(CancellationToken ct)
    {
        ValueTask<int> reply = ring.ReceiveAsync(fd, _reply, MessageFlags.None, ct);
        prediction.SimulateFrame();
        int n = reply.IsCompletedSuccessfully ? reply.Result : await reply;
        prediction.Reconcile(_reply, n);
    }
}
