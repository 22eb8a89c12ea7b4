// `_ =` on the ring's close: the descriptor may still be open when Dispose returns, and errors vanish.
using System;
using AsyncSys;

namespace Corpus;

internal sealed class Connection(IoRing ring, int socket) : IDisposable
{
    public void Dispose()
    {
        _ = /*~ASYS1006*/ring.CloseAsync(socket);
    }
}
