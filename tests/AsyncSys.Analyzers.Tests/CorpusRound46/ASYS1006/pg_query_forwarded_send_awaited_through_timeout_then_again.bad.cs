// A Postgres driver sends a query through its connection's SendMessageAsync helper, which forwards to the ring send, waits for it through AsTask().WaitAsync(timeout), and on the timeout awaits the same ValueTask a second time after asking the server to cancel.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.PgQueryTimeoutBad;

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
        ValueTask<int> send = wire.SendMessageAsync(query, ct);
        try
        {
            return await send.AsTask().WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            wire.RequestCancel();
            return await /*~ASYS1006*/send.ConfigureAwait(false);
        }
    }
}
