// The same response pipeline clearing the writer only after the head's send completed.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.HttpHeadWriterClearedAfter;

public sealed class ResponsePipeline(IoRing ring, int socketFd)
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    public async ValueTask WriteAsync(int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n", _output);
        ValueTask<int> head = ring.SendAsync(socketFd, _output.WrittenMemory, MessageFlags.None, ct);
        await head;
        _output.Clear();
        await ring.SendAsync(socketFd, body, MessageFlags.None, ct);
    }
}
