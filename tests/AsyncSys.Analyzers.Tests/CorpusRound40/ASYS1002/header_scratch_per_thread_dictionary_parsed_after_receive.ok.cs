// A keep-alive loop parses request heads in a scratch array rented for this read from the shared pool and returned after parsing; the thread id is only logged.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace KeepAlive;

internal sealed class HeadReader(IoRing ring, Action<string> log)
{
    public async Task<int> ReadHeadAsync(int socket, Func<byte[], int, int> parse, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        byte[] scratch = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int n = await ring.ReceiveAsync(socket, scratch, MessageFlags.None, ct);
            log($"head read for socket {socket} started on thread {startedOn}");
            if (n <= 0)
            {
                return -1;
            }

            return parse(scratch, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
