// A connection keeps a MemoryPool rental for its goodbye frame and sends it from DisposeAsync, keeping the send's task in a field; DisposeAsync disposes the rental (back to the pool) before awaiting that send, which still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.GoodbyeRentalDisposeAsyncBad;

internal sealed class Connection(IoRing ring, int socket) : IAsyncDisposable
{
    private readonly IMemoryOwner<byte> _goodbye = MemoryPool<byte>.Shared.Rent(8);
    private Task<int>? _goodbyeSend;

    private void SendGoodbye(int reason)
    {
        Memory<byte> frame = _goodbye.Memory[..8];
        BinaryPrimitives.WriteInt32BigEndian(frame.Span, 0x4259_4521);
        BinaryPrimitives.WriteInt32BigEndian(frame.Span[4..], reason);
        _goodbyeSend = ring.SendAsync(socket, frame, MessageFlags.NoSignal, CancellationToken.None).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        SendGoodbye(0);
        /*~ASYS1005*/_goodbye.Dispose();
        if (_goodbyeSend is { } send)
        {
            await send.ConfigureAwait(false);
        }

        await ring.CloseAsync(socket).ConfigureAwait(false);
    }
}
