using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.ConditionalReturn;

internal enum ReadMode
{
    Consume,
    Peek,
    File,
}

internal static class Receiver
{
    public static ValueTask<int> Fill(IoRing ring, int fd, ReadMode mode, int size)
    {
        switch (mode)
        {
            case ReadMode.File:
                return ring.ReadAsync(fd, new byte[size], 0);

            default:
            {
                /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(size);   // disposed when this section returns
                return mode == ReadMode.Peek
                    ? ring.ReceiveAsync(fd, owner.Memory, MessageFlags.Peek)
                    : ring.ReceiveAsync(fd, owner.Memory);
            }
        }
    }
}
