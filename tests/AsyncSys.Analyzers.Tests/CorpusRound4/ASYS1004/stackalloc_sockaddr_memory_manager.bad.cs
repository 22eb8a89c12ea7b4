using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.Sockaddr;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
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

internal static class Dialer
{
    public static unsafe ValueTask ConnectLoopback(IoRing ring, int fd, ushort port)
    {
        byte* sockaddr = stackalloc byte[16];
        new Span<byte>(sockaddr, 16).Clear();
        sockaddr[0] = 2;                     // AF_INET
        sockaddr[2] = (byte)(port >> 8);
        sockaddr[3] = (byte)port;
        sockaddr[4] = 127;
        sockaddr[7] = 1;
        var address = new PointerMemory(sockaddr, 16);
        return ring.ConnectAsync(fd, /*~ASYS1004*/address.Memory);   // the connect outlives this frame
    }
}
