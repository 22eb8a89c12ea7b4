using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Records;

sealed class RecordReader
{
    private static readonly ThreadLocal<byte[]> s_scratch = new(() => new byte[512]);
    private readonly IoRing _ring;

    public RecordReader(IoRing ring) => _ring = ring;

    public async ValueTask<int> ReadRecordLengthAsync(int fd, long offset)
    {
        byte[] scratch = s_scratch.Value!;
        int n = await _ring.ReadAsync(fd, scratch, offset);
        // this thread's scratch was taken on another thread, which may be filling it again by now
        return n < 4 ? -1 : BinaryPrimitives.ReadInt32LittleEndian(/*~ASYS1002*/scratch);
    }
}
