// An ADC acquisition loop reads a block of samples from the converter's character device into a fresh array and, to
// cut latency, writes the array to the processing channel before awaiting the read. The consumer picks it up and runs
// its FFT over a block the kernel is still filling: half old zeros, half samples.
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.AdcPublishedEarly;

public sealed class AdcAcquisition(IoRing ring, int adcFd, ChannelWriter<byte[]> blocks)
{
    public async Task RunAsync(int blockBytes, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            byte[] block = new byte[blockBytes];
            ValueTask<int> read = ring.ReadAsync(adcFd, block, ct);
            /*~ASYS1005*/await blocks.WriteAsync(block, ct);
            if (await read < blockBytes) break;
        }
    }
}
