// A busy-poll receive that spins until the ring operation has completed and only then reads .Result (once): the pinned
// feed thread burns its core on purpose, and the result is read from a completed operation.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Observed.SpinUntilCompleted;

public sealed class SpinningReceiver(IoRing ring, int socketFd)
{
    private readonly byte[] _packet = new byte[2048];

    public int ReceiveSpinning()
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, _packet, MessageFlags.None);
        while (!receive.IsCompleted)
        {
            Thread.SpinWait(20);
        }

        return receive.Result;
    }
}
