using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.NativeManagerField;

// Native memory that lives as long as the connection, wrapped for the ring.
internal sealed unsafe class NativeBlock : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public NativeBlock(int length)
    {
        _pointer = (byte*)NativeMemory.Alloc((nuint)length);
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => NativeMemory.Free(_pointer);
}

internal sealed class Connection(IoRing ring, int socket) : IAsyncDisposable
{
    private readonly NativeBlock _sendBlock = new(4096);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload)
    {
        payload.CopyTo(_sendBlock.Memory);
        int sent = await ring.SendAsync(socket, _sendBlock.Memory[..payload.Length]);
        if (sent != payload.Length)
        {
            throw new InvalidOperationException($"short send: {sent} of {payload.Length}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ring.CloseAsync(socket);
        ((IDisposable)_sendBlock).Dispose();
    }
}
