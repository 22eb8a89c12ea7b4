// A connection receives into an AllocHGlobal block it owns, keeping the pending receive in a field. Its DisposeAsync cancels the receive and frees the block at once, before awaiting the receive: cancellation is only a request, the kernel may still be writing into the block (or complete the receive into it) after FreeHGlobal has handed the memory back.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.HGlobalDisposeBad;

internal sealed unsafe class NativeView(byte* address, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(address, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class Connection(IoRing ring, int socket) : IAsyncDisposable
{
    private const int BlockSize = 32 * 1024;
    private readonly nint _block = Marshal.AllocHGlobal(BlockSize);
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _receive;

    public void StartReceive()
    {
        _receive = ring.ReceiveAsync(socket, View(_block, BlockSize), MessageFlags.None, _stop.Token).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        /*~ASYS1005*/Marshal.FreeHGlobal(_block);
        if (_receive is { } receive)
        {
            try
            {
                await receive;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private static unsafe Memory<byte> View(nint block, int length) => new NativeView((byte*)block, length).Memory;
}
