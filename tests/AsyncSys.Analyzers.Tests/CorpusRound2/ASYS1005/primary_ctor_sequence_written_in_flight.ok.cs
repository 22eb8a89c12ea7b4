// The sequence number is stamped into the frame before the write starts.
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed class SequencedWriter(IoRing ring, int fd)
{
    private readonly byte[] _frame = new byte[64];
    private long _offset;

    public async ValueTask AppendAsync(int sequence, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt32BigEndian(_frame, sequence);
        ValueTask<int> write = ring.WriteAtMostAsync(fd, _frame, _offset, cancellationToken);
        _offset += await write;
    }
}
