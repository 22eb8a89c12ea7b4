// A backend caches small static files in memory (IMemoryCache-style, here a ConcurrentDictionary). On a miss it
// allocates the body, starts the ring read, and stores the array in the cache before awaiting the read so concurrent
// requests for the same file find it. Those requests serve the array while the kernel is still filling it: clients get
// a file of zeros or half of it, and the cache keeps serving whatever they saw until it is evicted.
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.CacheBodyPublishedEarly;

public sealed class StaticFileCache(IoRing ring)
{
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new();

    public async ValueTask<byte[]> GetAsync(string path, int fileFd, int length, CancellationToken ct)
    {
        if (_bodies.TryGetValue(path, out byte[]? cached))
        {
            return cached;
        }

        byte[] body = new byte[length];
        ValueTask<int> read = ring.ReadAsync(fileFd, body, 0, ct);
        _bodies[path] = /*~ASYS1005*/body;
        await read;
        return body;
    }
}
