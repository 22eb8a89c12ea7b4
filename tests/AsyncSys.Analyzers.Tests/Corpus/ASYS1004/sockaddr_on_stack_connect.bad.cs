// A sockaddr_un built on the stack and wrapped as ReadOnlyMemory for an asynchronous connect.
using System;
using System.Buffers;
using System.Text;
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

internal static unsafe class UnixSocket
{
    public static ValueTask ConnectAsync(IoRing ring, int socket, string path, CancellationToken cancellationToken)
    {
        byte* address = stackalloc byte[110];
        new Span<byte>(address, 110).Clear();
        address[0] = 1;
        int length = 2 + Encoding.UTF8.GetBytes(path, new Span<byte>(address + 2, 107));
        ReadOnlyMemory<byte> socketAddress = new PointerMemoryManager(address, length).Memory;
        return ring.ConnectAsync(socket, /*~ASYS1004*/socketAddress, cancellationToken);
    }
}
