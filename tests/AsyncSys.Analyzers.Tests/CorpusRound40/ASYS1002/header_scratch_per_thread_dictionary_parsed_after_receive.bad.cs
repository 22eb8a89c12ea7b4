// A keep-alive loop parses request heads in a scratch array kept per thread in a ConcurrentDictionary keyed by the managed thread id; the array is looked up before the receive and parsed after it.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed class HeadReader(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, byte[]> s_scratchByThread = new();

    public async Task<int> ReadHeadAsync(int socket, Func<byte[], int, int> parse, CancellationToken ct)
    {
        byte[] scratch = s_scratchByThread.GetOrAdd(Environment.CurrentManagedThreadId, _ => new byte[8192]);
        int n = await ring.ReceiveAsync(socket, scratch, MessageFlags.None, ct);
        if (n <= 0)
        {
            return -1;
        }

        return parse(/*~ASYS1002*/scratch, n);
    }
}
