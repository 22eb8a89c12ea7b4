using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Results.Http1KeepAliveOk;

/// <summary>An HTTP/1 keep-alive connection logs a slow client once, then keeps waiting for the same receive.</summary>
internal sealed class KeepAliveConnection(IoRing ring, int socketFd, byte[] buffer)
{
    public async Task<int> NextRequestAsync(TimeSpan slow, CancellationToken shutdown)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, buffer, MessageFlags.None, shutdown).Preserve();   // may be awaited more than once
        await Task.WhenAny(receive.AsTask(), Task.Delay(slow, shutdown));
        if (!receive.IsCompleted)
        {
            Console.Error.WriteLine("slow client on fd " + socketFd);
        }

        return await receive;
    }
}
