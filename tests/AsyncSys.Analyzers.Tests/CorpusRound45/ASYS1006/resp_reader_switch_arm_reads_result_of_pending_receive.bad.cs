// A Redis client reads the reply length from a switch expression whose arm for a pipelined connection takes the receive's .Result without checking that it completed.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.RespReaderBad;

internal enum ConnectionMode { Interactive, Pipelined }

internal sealed class RespReplyReader(IoRing ring, int socket)
{
    private readonly byte[] _reply = new byte[512];

    public async ValueTask<int> ReadReplyAsync(ConnectionMode mode, CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, _reply, MessageFlags.None, ct);
        int n = mode switch
        {
            ConnectionMode.Pipelined => /*~ASYS1006*/receive.Result,
            _ => await receive.ConfigureAwait(false),
        };
        return n > 0 && _reply[0] is (byte)'+' or (byte)'$' ? n : -1;
    }
}
