// A feed handler posts a ring receive and spins on it for a bounded number of iterations (busy-poll without burning the
// core forever), then reads .Result whatever the spin found. When the packet takes longer than the spin, .Result is
// read from an operation that has not completed: not a wait on AsyncSys's recycled source, so the handler gets an
// exception or another operation's result instead of the packet length.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Observed.BoundedSpinResult;

public sealed class SpinningReceiver(IoRing ring, int socketFd)
{
    private readonly byte[] _packet = new byte[2048];

    public int ReceiveSpinning(int maxSpins)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, _packet, MessageFlags.None);
        for (int spin = 0; spin < maxSpins && !receive.IsCompleted; spin++)
        {
            Thread.SpinWait(20);
        }

        return /*~ASYS1006*/receive.Result;
    }
}
