using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.PerThread.Http1IoThread;

internal enum Affinity { Any, PinnedToIoThread }

/// <summary>
/// An HTTP/1.1 echo-style connection handler. Connections started on a pinned I/O thread are counted per thread, so
/// the acceptor can send new connections to the least loaded one.
/// </summary>
internal sealed class Http1Connection(IoRing ring, int fd, Affinity affinity)
{
    private static readonly ConcurrentDictionary<int, int> s_connectionsPerIoThread = new();

    public async Task ServeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int home = affinity switch
        {
            Affinity.PinnedToIoThread => Environment.CurrentManagedThreadId,
            _ => -1,
        };
        if (home >= 0)
        {
            s_connectionsPerIoThread.AddOrUpdate(home, 1, (_, count) => count + 1);
        }

        try
        {
            while (true)
            {
                int n = await ring.ReceiveAsync(fd, buffer, MessageFlags.None, cancellationToken);
                if (n == 0)
                {
                    break;
                }

                await ring.SendAsync(fd, buffer[..n], MessageFlags.None, cancellationToken);
            }
        }
        finally
        {
            // The handler resumed on other threads; the key is the first thread's id, whose count another
            // connection now updates: the acceptor's table drifts from what each thread really serves.
            if (home >= 0) s_connectionsPerIoThread.AddOrUpdate(/*~ASYS1002*/home, 0, (_, count) => count - 1);
        }
    }
}
