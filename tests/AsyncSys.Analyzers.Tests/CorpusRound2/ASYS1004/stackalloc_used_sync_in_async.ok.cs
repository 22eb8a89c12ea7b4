// An async method formats a header in a stackalloc span inside a synchronous block and copies it out before awaiting.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Framer
{
    public static async Task<int> SendFrameAsync(IoRing ring, int socket, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[4 + body.Length];
        Header(frame, body.Length);
        body.CopyTo(frame.AsMemory(4));
        return await ring.SendAsync(socket, frame, MessageFlags.None, cancellationToken);

        static void Header(byte[] destination, int length)
        {
            Span<byte> header = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(header, length);
            header.CopyTo(destination);
        }
    }
}
