// A per-request flush timer migrated from a thread-per-request server: the request handler sets the tenant in a [ThreadStatic] slot, and the timer's callback uses the tenant the handler captured in a local when it armed it, not the slot of the pool thread that runs it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.TenantFlushTimerOk;

internal static class RequestContext
{
    [ThreadStatic] internal static string? t_tenant;
}

internal sealed class SpillBuffer(IoRing ring, Func<string, int> openSpill) : IDisposable
{
    private readonly byte[] _pending = new byte[64 * 1024];
    private int _length;
    private Timer? _flushTimer;

    public void Begin(string tenant)
    {
        RequestContext.t_tenant = tenant;
        string name = tenant;
        _flushTimer = new Timer(_ =>
        {
            int fd = openSpill(name);
            ring.WriteAsync(fd, _pending.AsMemory(0, _length), 0).AsTask().Wait();
        }, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_pending.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Dispose() => _flushTimer?.Dispose();
}
