// A writer with a primary constructor stamps the sequence number into its frame field after starting the write.
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
        ValueTask<int> write = ring.WriteAtMostAsync(fd, _frame, _offset, cancellationToken);
        /*~ASYS1005*/BinaryPrimitives.WriteInt32BigEndian(_frame, sequence);
        _offset += await write;
    }
}
