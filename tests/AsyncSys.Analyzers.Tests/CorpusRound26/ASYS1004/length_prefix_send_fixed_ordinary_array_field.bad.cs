// A framed writer sends the 4-byte length prefix from an array field through a pointer MemoryManager made inside a
// `fixed` block, and returns the send's task from inside the block. The pin ends at the closing brace while the send is
// still queued: a compaction can move the array and the kernel sends whatever now lives at the old address.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.PrefixSendFixedArray;

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

public sealed class LengthPrefixWriter(IoRing ring, int socketFd)
{
    private readonly byte[] _prefix = new byte[4];

    public unsafe ValueTask<int> SendPrefixAsync(int payloadLength, CancellationToken ct)
    {
        BinaryPrimitives.WriteInt32BigEndian(_prefix, payloadLength);
        fixed (byte* p = _prefix)
        {
            var manager = new PointerMemoryManager(p, _prefix.Length);
            return ring.SendAsync(socketFd, /*~ASYS1004*/manager.Memory, MessageFlags.More, ct);
        }
    }
}
