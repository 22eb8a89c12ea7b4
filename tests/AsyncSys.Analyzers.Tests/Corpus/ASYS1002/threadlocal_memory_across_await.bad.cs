// A ThreadLocal<Memory<byte>> scratch area receives a datagram and is sliced after the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ThreadCache
{
    public static readonly ThreadLocal<Memory<byte>> Buffer = new(() => new byte[2048]);
}

internal static class Datagrams
{
    public static async Task<byte[]> ReceiveAsync(IoRing ring, int socket, CancellationToken cancellationToken)
    {
        Memory<byte> scratch = ThreadCache.Buffer.Value;
        int n = await ring.ReceiveAsync(socket, scratch, 0, cancellationToken);
        return /*~ASYS1002*/scratch.Slice(0, n).ToArray();
    }
}
