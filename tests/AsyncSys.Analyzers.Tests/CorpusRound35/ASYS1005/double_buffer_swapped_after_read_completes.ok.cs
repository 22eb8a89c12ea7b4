// The tailer starts the read into _front, decodes the previous chunk in _back (the other array), and swaps the fields
// only after the read has completed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.DoubleBufferSwappedAfter;

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
            MaskControlBytes(_back.AsSpan(0, ready));
            ship(_back.AsMemory(0, ready));
            ready = await next;
            offset += ready;
            (_front, _back) = (_back, _front);
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
