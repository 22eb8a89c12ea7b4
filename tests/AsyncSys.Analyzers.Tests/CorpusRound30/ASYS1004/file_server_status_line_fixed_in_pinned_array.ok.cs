// The static-file server's status line made right: the reusable array is allocated on the pinned object heap
// (GC.AllocateArray pinned: true) and held in a readonly field, so it never moves after the `fixed` block ends.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.StackMemory.StatusLinePinnedArray;

internal sealed unsafe class PointerSegment : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerSegment(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed unsafe class StatusLineSender(IoRing ring)
{
    private readonly byte[] _statusLine = GC.AllocateArray<byte>(128, pinned: true);

    public ValueTask<int> SendPartialContent(int socketFd, long first, long last, long total, CancellationToken ct)
    {
        int length = System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {first}-{last}/{total}\r\n", _statusLine);
        fixed (byte* p = _statusLine)
        {
            var segment = new PointerSegment(p, length);
            return ring.SendAsync(socketFd, segment.Memory, MessageFlags.None, ct);
        }
    }
}
