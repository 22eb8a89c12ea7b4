// A memcached multi-get pipelines its requests over several server connections: it starts one send per server,
// keeps each ValueTask in an array, and awaits each element exactly once in a second loop before reading replies.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.ValueTasks.PipelinedGetsAwaitedOnce;

public sealed class MultiGet(IoRing ring)
{
    public async Task<int> SendAllAsync(int[] serverFds, ReadOnlyMemory<byte>[] requests, CancellationToken ct)
    {
        var sends = new ValueTask<int>[serverFds.Length];
        for (int i = 0; i < serverFds.Length; i++)
        {
            sends[i] = ring.SendAsync(serverFds[i], requests[i], MessageFlags.NoSignal, ct);
        }

        int total = 0;
        for (int i = 0; i < sends.Length; i++)
        {
            total += await sends[i];
        }

        return total;
    }
}
