// The acquisition loop, made right with two blocks: each pass fills the block the previous pass did not publish and
// awaits the write before last before handing this one over, so no block is filled while its write runs.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.InFlight.AcquisitionAwaitsBeforeFill;

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
            await publish;
            for (int i = 0; i < Samples; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(i * 2), adc.Sample(i % 4));
            }

            publish = ring.WriteAsync(pipeFd, block, ct);
        }

        await publish;
    }
}
