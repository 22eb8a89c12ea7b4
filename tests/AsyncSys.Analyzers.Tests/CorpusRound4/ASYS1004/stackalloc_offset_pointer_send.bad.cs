using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.OffsetPointer;

internal static class Pinger
{
    public static unsafe ValueTask<int> SendPing(IoRing ring, int fd)
    {
        // One stack block: an 8-byte payload, then the msghdr and its iovec that point at it.
        byte* block = stackalloc byte[8 + 56 + 16];
        new Span<byte>(block, 8 + 56 + 16).Clear();
        "PING\r\n\0\0"u8.CopyTo(new Span<byte>(block, 8));
        nint* iovec = (nint*)(block + 8 + 56);
        iovec[0] = (nint)block;
        iovec[1] = 6;
        nint* header = (nint*)(block + 8);
        header[2] = (nint)iovec;
        header[3] = 1;
        byte* message = block + 8;
        return ring.SubmitAsync(RingRequest.SendMsg(fd, /*~ASYS1004*/(nint)message, (int)MessageFlags.NoSignal));
    }
}
