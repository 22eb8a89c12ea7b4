using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.WatchRegistry;

/// <summary>
/// Streams inotify event batches. A registry refuses a second reader "on the same thread" (a guard written for
/// the blocking version), keyed by the thread the stream started on.
/// </summary>
internal sealed class WatchStream
{
    private static readonly ConcurrentDictionary<int, string> s_activeReaders = new();
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly string _name;

    public WatchStream(IoRing ring, int fd, string name)
    {
        _ring = ring;
        _fd = fd;
        _name = name;
    }

    public async IAsyncEnumerable<int> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int reader = Environment.CurrentManagedThreadId;
        if (!s_activeReaders.TryAdd(reader, _name))
        {
            throw new InvalidOperationException("this thread already reads " + s_activeReaders[reader]);
        }

        byte[] buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int n = await _ring.ReadAsync(_fd, buffer, cancellationToken);
                if (n <= 0)
                {
                    yield break;
                }

                yield return n;
            }
        }
        finally
        {
            // Removes the entry of the thread the stream started on, which may now be reading another stream.
            s_activeReaders.TryRemove(/*~ASYS1002*/reader, out _);
        }
    }
}
