// A Postgres driver sends a query through its connection's SendMessageAsync helper, which forwards to the ring send, turns it into one Task, waits for it with a timeout, and on the timeout awaits that Task again after asking the server to cancel.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PgQueryTimeoutOk;

internal sealed class PgWire(IoRing ring, int socket)
{
    public ValueTask<int> SendMessageAsync(ReadOnlyMemory<byte> message, CancellationToken ct) =>
        ring.SendAsync(socket, message, MessageFlags.None, ct);

    public void RequestCancel() => ring.CancelByFd(socket);
}

internal sealed class PgQuery(PgWire wire)
{
    public async Task<int> SendAsync(ReadOnlyMemory<byte> query, TimeSpan timeout, CancellationToken ct)
    {
        Task<int> send = wire.SendMessageAsync(query, ct).AsTask();
        try
        {
            return await send.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            wire.RequestCancel();
            return await send.ConfigureAwait(false);
        }
    }
}
