// A client's frame loop posts a non-blocking receive for the server's reply, simulates the local frame, and then reads
// the receive's Result as if the frame had given it time to finish. The ValueTask is not complete when the server is
// a few milliseconds late: Result on an incomplete AsyncSys ValueTask is not a wait, it throws or returns a stale value,
// and the reconciliation applies a wrong server state.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.ResultBeforeCompletion;

public interface IPrediction
{
    void SimulateFrame();
    void Reconcile(byte[] serverState, int length);
}

public sealed class FrameLoop(IoRing ring, int fd, IPrediction prediction)
{
    private readonly byte[] _reply = new byte[1500];

    public void RunFrame(CancellationToken ct)
    {
        ValueTask<int> reply = ring.ReceiveAsync(fd, _reply, MessageFlags.None, ct);
        prediction.SimulateFrame();
        int n = /*~ASYS1006*/reply.Result;
        prediction.Reconcile(_reply, n);
    }
}
