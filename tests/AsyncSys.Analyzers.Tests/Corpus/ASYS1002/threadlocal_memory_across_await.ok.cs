// The datagram is received into memory of the call.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Datagrams
{
    public static async Task<byte[]> ReceiveAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        Memory<byte> scratch = new byte[2048];
        int n = await ring.ReceiveAsync(socket, scratch, 0, cancellationToken);
        return scratch.Slice(0, n).ToArray();
    }
}
