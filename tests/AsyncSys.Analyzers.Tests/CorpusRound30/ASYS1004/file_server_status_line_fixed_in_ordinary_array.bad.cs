// A static-file server formats the status line of each 206 response into a reusable byte array field and sends it from a
// pointer pinned with `fixed`, wrapped in a small MemoryManager so the ring's SendAsync takes it. The pin ends at the
// block's closing brace, when the method returns the send's task; a GC that compacts while the send is pending moves the
// array, and the client receives a garbage status line (the player retries or gives up on the range).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.StackMemory.StatusLineFixedArray;

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
    private readonly byte[] _statusLine = new byte[128];

    public ValueTask<int> SendPartialContent(int socketFd, long first, long last, long total, CancellationToken ct)
    {
        int length = System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {first}-{last}/{total}\r\n", _statusLine);
        fixed (byte* p = _statusLine)
        {
            var segment = new PointerSegment(p, length);
            return ring.SendAsync(socketFd, /*~ASYS1004*/segment.Memory, MessageFlags.None, ct);
        }
    }
}
