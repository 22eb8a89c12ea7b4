// The same close frame built in a small array: AsyncSys pins the array for the whole send, whenever it runs.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.WebSocketCloseFrameArray;

public sealed class WebSocketSession(IoRing ring, int socketFd)
{
    public ValueTask<int> SendCloseAsync(ushort statusCode, CancellationToken ct)
    {
        byte[] frame = new byte[4];
        frame[0] = 0x88;
        frame[1] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), statusCode);
        return ring.SendAsync(socketFd, frame, MessageFlags.None, ct);
    }
}
