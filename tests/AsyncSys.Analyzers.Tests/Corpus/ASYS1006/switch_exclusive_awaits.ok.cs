// Each switch section awaits the task once; only one section runs.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal enum Mode
{
    Raw,
    Framed,
    Counted,
}

internal static class Framer
{
    public static async Task<int> ReceiveAsync(IoRing ring, int socket, Memory<byte> buffer, Mode mode, CancellationToken cancellationToken)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, buffer, 0, cancellationToken);
        switch (mode)
        {
            case Mode.Raw:
                return await receive;
            case Mode.Framed:
                int framed = await receive;
                return framed - 4;
            default:
                return Math.Max(0, await receive);
        }
    }
}
