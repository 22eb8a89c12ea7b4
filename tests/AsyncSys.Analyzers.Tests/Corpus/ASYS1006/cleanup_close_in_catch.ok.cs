// The close in the catch is awaited before the exception goes on.
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
            await ring.CloseAsync(socket);
            throw;
        }
    }
}
