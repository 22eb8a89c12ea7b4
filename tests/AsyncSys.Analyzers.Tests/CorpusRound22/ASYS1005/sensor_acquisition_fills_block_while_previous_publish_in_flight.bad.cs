// A sensor gateway's acquisition loop fills one block of 16-bit ADC samples per period and publishes it to a
// downstream pipe with a ring write. To overlap I/O with sampling it awaits the previous write only after filling the
// next block, but there is one block: the fill at the top of each pass rewrites the samples the previous pass's write
// is still copying, and the consumer sees torn blocks (half old, half new samples).
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.AcquisitionFillsWhilePublishing;

public interface IAdc
{
    short Sample(int channel);
}

public sealed class AcquisitionLoop(IoRing ring, IAdc adc, int pipeFd)
{
    private const int Samples = 256;

    public async Task RunAsync(CancellationToken ct)
    {
        byte[] block = new byte[Samples * 2];
        ValueTask publish = ValueTask.CompletedTask;
        while (!ct.IsCancellationRequested)
        {
            for (int i = 0; i < Samples; i++)
            {
                /*~ASYS1005*/BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(i * 2), adc.Sample(i % 4));
            }

            await publish;
            publish = ring.WriteAsync(pipeFd, block, ct);
        }

        await publish;
    }
}
