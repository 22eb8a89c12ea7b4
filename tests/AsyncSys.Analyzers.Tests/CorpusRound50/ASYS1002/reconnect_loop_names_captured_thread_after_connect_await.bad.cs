// A replica's reconnect loop takes Thread.CurrentThread once before the loop and, after each connect attempt's ConfigureAwait(false) await, renames that thread to show the attempt in dumps: by then the loop runs on a pool thread, and it renames the thread it started on, which now runs someone else's work.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.ReconnectNameBad;

internal sealed class ReplicaLink(IoRing ring, Func<int> newSocket, ReadOnlyMemory<byte> primaryAddress)
{
    public async Task<int> ConnectAsync(CancellationToken ct)
    {
        Thread current = Thread.CurrentThread;
        for (int attempt = 1; ; attempt++)
        {
            int socket = newSocket();
            try
            {
                await ring.ConnectAsync(socket, primaryAddress, ct).ConfigureAwait(false);
                return socket;
            }
            catch (IOException) when (attempt < 10)
            {
                await ring.CloseAsync(socket, ct).ConfigureAwait(false);
                /*~ASYS1002*/current.Name = "replica reconnect #" + attempt;
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
            }
        }
    }
}
