// The header bytes are cleared before either operation starts.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Inbound
{
    public static async Task<int> FillAsync(IoRing ring, int fd, bool isSocket, byte[] buffer, CancellationToken cancellationToken)
    {
        Array.Clear(buffer, 0, 8);
        ValueTask<int> operation = isSocket
            ? ring.ReceiveAsync(fd, buffer, MessageFlags.None, cancellationToken)
            : ring.ReadAsync(fd, buffer, 0, cancellationToken);
        return await operation;
    }
}
