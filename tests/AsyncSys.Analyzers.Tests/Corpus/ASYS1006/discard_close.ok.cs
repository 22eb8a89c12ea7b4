// The close is awaited in DisposeAsync.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Connection(IoRing ring, int socket) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await ring.CloseAsync(socket);
    }
}
