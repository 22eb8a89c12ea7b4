// On a failed handshake the socket close is started in the catch and never observed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Handshake
{
    public static async Task<int> AcceptAsync(IoRing ring, int listener, ReadOnlyMemory<byte> hello, CancellationToken cancellationToken)
    {
        int socket = await ring.AcceptAsync(listener, 0, cancellationToken);
        try
        {
            await ring.SendAsync(socket, hello, 0, cancellationToken);
            return socket;
        }
        catch
        {
            /*~ASYS1006*/ring.CloseAsync(socket);
            throw;
        }
    }
}
