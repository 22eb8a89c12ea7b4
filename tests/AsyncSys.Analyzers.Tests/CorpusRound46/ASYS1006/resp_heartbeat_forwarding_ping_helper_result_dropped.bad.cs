// A Redis client's heartbeat calls the connection's SendPingAsync helper, which returns the ring send's ValueTask, as a statement: the send is never awaited, so its failure is lost and its ValueTask never consumed.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.RespHeartbeatBad;

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
        /*~ASYS1006*/connection.SendPingAsync(ct);
        int n = await connection.ReceiveAsync(reply, ct).ConfigureAwait(false);
        return n >= 7 && reply[0] == (byte)'+';
    }
}
