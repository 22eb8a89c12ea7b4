// The framed writer made right: the prefix array lives on the pinned object heap (GC.AllocateArray pinned, held by a
// readonly field set only to it), so the address taken in the `fixed` block stays valid after the block ends.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.PrefixSendPinnedArray;

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
    private readonly byte[] _prefix = GC.AllocateArray<byte>(4, pinned: true);

    public unsafe ValueTask<int> SendPrefixAsync(int payloadLength, CancellationToken ct)
    {
        BinaryPrimitives.WriteInt32BigEndian(_prefix, payloadLength);
        fixed (byte* p = _prefix)
        {
            var manager = new PointerMemoryManager(p, _prefix.Length);
            return ring.SendAsync(socketFd, manager.Memory, MessageFlags.More, ct);
        }
    }
}
