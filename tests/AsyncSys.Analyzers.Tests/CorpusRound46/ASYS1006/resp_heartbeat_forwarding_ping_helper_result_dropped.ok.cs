// A Redis client's heartbeat awaits the connection's SendPingAsync helper, which returns the ring send's ValueTask, before it waits for the reply.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.RespHeartbeatOk;

internal sealed class RespConnection(IoRing ring, int socket)
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    public ValueTask<int> SendPingAsync(CancellationToken ct) => ring.SendAsync(socket, Ping, MessageFlags.None, ct);

    public ValueTask<int> ReceiveAsync(byte[] buffer, CancellationToken ct) => ring.ReceiveAsync(socket, buffer, MessageFlags.None, ct);
}

internal sealed class Heartbeat(RespConnection connection)
{
    public async Task<bool> BeatAsync(byte[] reply, CancellationToken ct)
    {
        await connection.SendPingAsync(ct).ConfigureAwait(false);
        int n = await connection.ReceiveAsync(reply, ct).ConfigureAwait(false);
        return n >= 7 && reply[0] == (byte)'+';
    }
}
