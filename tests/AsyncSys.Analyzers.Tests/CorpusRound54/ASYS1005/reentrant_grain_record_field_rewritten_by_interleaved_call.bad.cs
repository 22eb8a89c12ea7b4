// An Orleans-style audit log grain marked [Reentrant] encodes each record into one record array it owns and awaits the ring write; because the grain is reentrant, a second AppendAsync call runs while the first is suspended at its await and encodes its record into the same array the first call's write is still reading.
using System;
using System.Buffers.Binary;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Orleans.Concurrency
{
    [AttributeUsage(AttributeTargets.Class)]
    internal sealed class ReentrantAttribute : Attribute
    {
    }
}

namespace Corpus54.ReentrantRecordBad
{
    using Orleans.Concurrency;

    [Reentrant]
    internal sealed class AuditLogGrain(IoRing ring, int logFd)
    {
        private readonly byte[] _record = new byte[512];
        private long _offset;

        public async Task AppendAsync(long sequence, string text)
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_record, sequence);
            int length = 8 + Encoding.UTF8.GetBytes(text, _record.AsSpan(8));
            long at = _offset;
            _offset += length;
            await ring.WriteAsync(logFd, _record.AsMemory(0, length), at);
        }
    }
}
