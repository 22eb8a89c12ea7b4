// An HTTP/1.1 response pipeline formats the status line and headers into an ArrayBufferWriter, starts sending its
// written bytes, and clears the writer straight away so the body can be formatted while the head goes out. Clear()
// zeroes the bytes the send is still reading: the client receives NUL bytes in place of headers and drops the
// response as malformed.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.HttpHeadWriterCleared;

public sealed class ResponsePipeline(IoRing ring, int socketFd)
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    public async ValueTask WriteAsync(int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n", _output);
        ValueTask<int> head = ring.SendAsync(socketFd, _output.WrittenMemory, MessageFlags.None, ct);
        /*~ASYS1005*/_output.Clear();
        await head;
        await ring.SendAsync(socketFd, body, MessageFlags.None, ct);
    }
}
