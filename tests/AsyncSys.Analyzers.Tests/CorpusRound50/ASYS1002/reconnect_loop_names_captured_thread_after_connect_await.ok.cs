// A replica's reconnect loop records each failed attempt in its own fields (shown by a status endpoint) after the connect's ConfigureAwait(false) await, and reads Thread.CurrentThread's managed id afresh there for the log line: the thread it runs on at that moment.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.ReconnectNameOk;

internal sealed class ReplicaLink(IoRing ring, Func<int> newSocket, ReadOnlyMemory<byte> primaryAddress, Action<string> log)
{
    private int _lastAttempt;

    public int LastAttempt => Volatile.Read(ref _lastAttempt);

    public async Task<int> ConnectAsync(CancellationToken ct)
    {
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
                Volatile.Write(ref _lastAttempt, attempt);
                log("reconnect attempt " + attempt + " failed on thread " + Thread.CurrentThread.ManagedThreadId);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
            }
        }
    }
}
