// A WebSocket server sends its close frame (opcode 0x8, 2-byte status code) without allocating: the four bytes are
// built in stackalloc memory, wrapped in a pointer MemoryManager and handed to the ring's send, whose task goes back to
// the caller. The send runs after this frame is gone (a full socket queues it), so the peer receives whatever the
// caller's next frames left in that stack slot as the close code, or a garbage opcode that breaks the connection.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.WebSocketCloseFrame;

internal sealed unsafe class UnmanagedBytes : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public UnmanagedBytes(byte* pointer, int length)
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

public sealed class WebSocketSession(IoRing ring, int socketFd)
{
    public unsafe ValueTask<int> SendCloseAsync(ushort statusCode, CancellationToken ct)
    {
        byte* frame = stackalloc byte[4];
        frame[0] = 0x88;
        frame[1] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(frame + 2, 2), statusCode);
        var bytes = new UnmanagedBytes(frame, 4);
        return ring.SendAsync(socketFd, /*~ASYS1004*/bytes.Memory, MessageFlags.None, ct);
    }
}
