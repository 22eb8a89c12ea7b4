using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Buffers.Http1Head;

/// <summary>An HTTP/1 server writes the status line and headers from a pooled buffer, then the body, in one writev.</summary>
internal sealed class ResponseWriter(IoRing ring)
{
    public ValueTask WriteAsync(int socketFd, int status, ReadOnlyMemory<byte> body)
    {
        byte[] head = ArrayPool<byte>.Shared.Rent(256);
        int length = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Length: {body.Length}\r\n\r\n", head);
        var segments = new List<ReadOnlyMemory<byte>> { head.AsMemory(0, length), body };
        ValueTask write = ring.WriteAsync(socketFd, segments);
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(head);   // the next response rents it while this one is being sent
        return write;
    }
}
