// A conditional picks receive or read into one buffer; the header bytes are cleared before the chosen operation is awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Inbound
{
    public static async Task<int> FillAsync(IoRing ring, int fd, bool isSocket, byte[] buffer, CancellationToken cancellationToken)
    {
        ValueTask<int> operation = isSocket
            ? ring.ReceiveAsync(fd, buffer, MessageFlags.None, cancellationToken)
            : ring.ReadAsync(fd, buffer, 0, cancellationToken);
        /*~ASYS1005*/Array.Clear(buffer, 0, 8);
        return await operation;
    }
}
