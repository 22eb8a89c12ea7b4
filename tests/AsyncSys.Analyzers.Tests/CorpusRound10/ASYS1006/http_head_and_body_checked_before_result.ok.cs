using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Unobserved.HttpHeadBodyOk;

/// <summary>
/// An HTTP/1.1 server writes a small response as two sends (the head with MSG_MORE, then the body) and takes a fast
/// path when they completed inline, which is the usual case on an idle socket.
/// </summary>
internal sealed class ResponseWriter(IoRing ring, int fd)
{
    public async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ValueTask<int> headSend = ring.SendAsync(fd, head, MessageFlags.More, cancellationToken);
        ValueTask<int> bodySend = ring.SendAsync(fd, body, MessageFlags.None, cancellationToken);
        if (headSend.IsCompletedSuccessfully && bodySend.IsCompletedSuccessfully)
        {
            return headSend.Result + bodySend.Result;
        }

        int headBytes = await headSend;
        return headBytes + await bodySend;
    }
}
