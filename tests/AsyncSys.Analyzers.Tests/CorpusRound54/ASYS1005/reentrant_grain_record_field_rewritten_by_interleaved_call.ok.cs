// An Orleans-style audit log grain (not reentrant: the runtime runs one call to its end before the next begins) encodes each record into one record array it owns and awaits the ring write, so the next call only encodes after the write is done.
using System;
using System.Buffers.Binary;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ReentrantRecordOk;

internal sealed class AuditLogGrain(IoRing ring, int logFd)
{
    private readonly byte[] _record = new byte[512];
    private long _offset;

    public async Task AppendAsync(long sequence, string text)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_record, sequence);
        int length = 8 + Encoding.UTF8.GetBytes(text, _record.AsSpan(8));
        long at = _offset;
        _offset += length;
        await ring.WriteAsync(logFd, _record.AsMemory(0, length), at);
    }
}
