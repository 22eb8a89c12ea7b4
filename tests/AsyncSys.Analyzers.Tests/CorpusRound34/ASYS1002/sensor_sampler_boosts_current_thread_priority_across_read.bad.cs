// A vibration sampler raises its thread's priority while it waits for an accelerometer FIFO read, and lowers it in a
// finally. The read is awaited: the finally runs on another pool thread, so it lowers the wrong thread and leaves the
// first pool thread running at Highest for good, starving the rest of the device's services.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.SamplerPriorityBoost;

public sealed class VibrationSampler(IoRing ring, int fifoFd)
{
    public async Task<int> ReadFifoAsync(byte[] samples, CancellationToken ct)
    {
        Thread sampler = Thread.CurrentThread;
        sampler.Priority = ThreadPriority.Highest;
        try
        {
            return await ring.ReadAsync(fifoFd, samples, ct);
        }
        finally
        {
            /*~ASYS1002*/sampler.Priority = ThreadPriority.Normal;
        }
    }
}
