// A Redis client connects to a Unix domain socket: it builds the sockaddr_un in stackalloc memory (no allocation per
// dial), wraps it in a MemoryManager to get a ReadOnlyMemory, and returns the ring's connect without awaiting it.
// The connect is queued and may be submitted after Dial has returned: the kernel then reads the socket path from
// stack memory the next calls have overwritten, and connects to the wrong socket or fails with ENOENT.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.UnixConnectStackSockaddr;

internal sealed unsafe class UnmanagedMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public static class UnixDialer
{
    private const ushort AF_UNIX = 1;

    public static unsafe ValueTask Dial(IoRing ring, int fd, string socketPath, CancellationToken ct)
    {
        byte* address = stackalloc byte[110];
        new Span<byte>(address, 110).Clear();
        *(ushort*)address = AF_UNIX;
        int pathLength = Encoding.UTF8.GetBytes(socketPath, new Span<byte>(address + 2, 107));
        var manager = new UnmanagedMemoryManager(address, 2 + pathLength + 1);
        return ring.ConnectAsync(fd, /*~ASYS1004*/manager.Memory, ct);
    }
}
