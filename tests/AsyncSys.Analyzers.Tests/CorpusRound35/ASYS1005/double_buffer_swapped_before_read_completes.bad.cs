// The tailer double-buffers: it starts the read of the next chunk into _front, swaps the two fields, and decodes the
// previous chunk by writing its decoded form back into _back. The swap happens before the decode, so _back now names
// the array the read is still filling: decoding writes into the kernel's destination and both chunks are corrupted.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.DoubleBufferSwappedEarly;

public sealed class DoubleBufferedTailer(IoRing ring, int fd, Action<ReadOnlyMemory<byte>> ship)
{
    private byte[] _front = new byte[32 * 1024];
    private byte[] _back = new byte[32 * 1024];

    public async Task RunAsync(int firstLength, long offset, CancellationToken ct)
    {
        int ready = firstLength;
        while (ready > 0)
        {
            ValueTask<int> next = ring.ReadAsync(fd, _front, offset, ct);
            (_front, _back) = (_back, _front);
            /*~ASYS1005*/MaskControlBytes(_back.AsSpan(0, ready));
            ship(_back.AsMemory(0, ready));
            ready = await next;
            offset += ready;
        }
    }

    private static void MaskControlBytes(Span<byte> chunk)
    {
        for (int i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] < 0x20 && chunk[i] != (byte)'\n')
            {
                chunk[i] = (byte)' ';
            }
        }
    }
}
