using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Heartbeat;

public static class Heartbeats
{
    public static async Task SendSequenceAsync(this IoRing ring, int fd, int count)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8);
        Memory<byte> frame = owner.Memory.Slice(0, 8);
        ValueTask<int> pending = default;
        bool hasPending = false;
        for (int i = 0; i < count; i++)
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt32LittleEndian(frame.Span, i);   // the previous send may still be reading it
            /*~ASYS1005*/BinaryPrimitives.WriteInt32LittleEndian(frame.Span.Slice(4), count);
            if (hasPending)
            {
                await pending;
            }

            pending = ring.SendAsync(fd, frame);
            hasPending = true;
        }

        if (hasPending)
        {
            await pending;
        }
    }
}
