using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Stack.FixedManager;

internal sealed unsafe class PointerManager(byte* pointer, int length) : MemoryManager<byte>
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

internal enum Channel
{
    Control,
    Data,
}

internal static class Sender
{
    public static unsafe ValueTask<int> Send(IoRing ring, int socket, Channel channel, byte[] payload)
    {
        switch (channel)
        {
            case Channel.Control:
                fixed (byte* p = payload)
                {
                    var manager = new PointerManager(p, payload.Length);
                    return /*~ASYS1004*/ring.SendAsync(socket, manager.Memory, MessageFlags.OutOfBand);   // unpinned once the block ends, the send has not
                }

            default:
                return ring.SendAsync(socket, payload);
        }
    }
}
