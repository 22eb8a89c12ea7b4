// The ADC acquisition loop made right: the block goes to the channel after its read has completed.
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.AdcPublishedAfterRead;

public sealed class AdcAcquisition(IoRing ring, int adcFd, ChannelWriter<byte[]> blocks)
{
    public async Task RunAsync(int blockBytes, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            byte[] block = new byte[blockBytes];
            int n = await ring.ReadAsync(adcFd, block, ct);
            if (n < blockBytes) break;
            await blocks.WriteAsync(block, ct);
        }
    }
}
