// A Redis client reads the reply length from a switch expression whose arm takes the receive's .Result only when it completed successfully, and awaits it otherwise.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.RespReaderOk;

internal enum ConnectionMode { Interactive, Pipelined }

internal sealed class RespReplyReader(IoRing ring, int socket)
{
    private readonly byte[] _reply = new byte[512];

    public async ValueTask<int> ReadReplyAsync(ConnectionMode mode, CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, _reply, MessageFlags.None, ct);
        int n = mode switch
        {
            ConnectionMode.Pipelined when receive.IsCompletedSuccessfully => receive.Result,
            _ => await receive.ConfigureAwait(false),
        };
        return n > 0 && _reply[0] is (byte)'+' or (byte)'$' ? n : -1;
    }
}
