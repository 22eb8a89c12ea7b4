// The connection's DisposeAsync cancels the pending receive and awaits it (its cancellation surfaces as OperationCanceledException) before freeing the native block: once the receive's task has ended the kernel no longer touches the block.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.HGlobalDisposeOk;

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

        Marshal.FreeHGlobal(_block);
        _stop.Dispose();
    }

    private static unsafe Memory<byte> View(nint block, int length) => new NativeView((byte*)block, length).Memory;
}
