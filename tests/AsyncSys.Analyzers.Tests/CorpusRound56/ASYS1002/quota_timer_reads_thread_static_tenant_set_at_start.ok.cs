// A per-tenant quota reporter sets the dispatcher's [ThreadStatic] current tenant while it starts (the code it calls there reads it) and schedules a System.Threading.Timer whose callback reports usage for the tenant captured from the service's own field, not from the per-thread slot.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus56.QuotaTenantOk;

internal static class Tenant
{
    [ThreadStatic]
    internal static string? t_current;
}

internal sealed class QuotaReporter(string tenant, ConcurrentDictionary<string, long> usage, ConcurrentQueue<string> report) : IDisposable
{
    private Timer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Tenant.t_current = tenant;
        usage.TryAdd(tenant, 0);
        string reported = tenant;
        _timer = new Timer(_ => Report(reported), null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        return Task.CompletedTask;
    }

    private void Report(string? who)
    {
        if (who is not null && usage.TryGetValue(who, out long bytes))
        {
            report.Enqueue(who + " " + bytes);
        }
    }

    public void Dispose() => _timer?.Dispose();
}
