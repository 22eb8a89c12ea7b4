// The payload after a stack header is handed to the ring through pointer arithmetic.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class PointerMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal static unsafe class Records
{
    private const int HeaderSize = 8;

    public static ValueTask<int> ReadPayloadAsync(IoRing ring, int fd, long offset, CancellationToken cancellationToken)
    {
        byte* record = stackalloc byte[HeaderSize + 56];
        var payload = new PointerMemoryManager(record + HeaderSize, 56);
        return ring.ReadAsync(fd, /*~ASYS1004*/payload.Memory, offset + HeaderSize, cancellationToken);
    }
}
