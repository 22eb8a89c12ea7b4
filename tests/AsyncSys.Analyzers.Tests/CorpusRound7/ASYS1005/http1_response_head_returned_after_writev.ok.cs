using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Buffers.Http1HeadOk;

/// <summary>An HTTP/1 server writes the head from a pooled buffer and the body in one writev; the head goes back after it.</summary>
internal sealed class ResponseWriter(IoRing ring)
{
    public async ValueTask WriteAsync(int socketFd, int status, ReadOnlyMemory<byte> body)
    {
        byte[] head = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            int length = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Length: {body.Length}\r\n\r\n", head);
            var segments = new List<ReadOnlyMemory<byte>> { head.AsMemory(0, length), body };
            ValueTask write = ring.WriteAsync(socketFd, segments);
            await write;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
        }
    }
}
