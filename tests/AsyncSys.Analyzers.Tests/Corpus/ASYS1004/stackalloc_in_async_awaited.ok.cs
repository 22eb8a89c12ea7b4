// The ping is built in a small array the ring pins until the send completes.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Heartbeat
{
    public static async Task<int> SendAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        byte[] ping = new byte[8];
        ping[0] = 0x01;
        return await ring.SendAsync(socket, ping, 0, cancellationToken);
    }
}
