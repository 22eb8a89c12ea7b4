// A grain sets an AsyncLocal tenant for its call, then offloads the quota check to Task.Run inside ExecutionContext.SuppressFlow; it reads the tenant into a local first, and the offloaded lambda uses the captured local, not the AsyncLocal that did not flow.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.SuppressedTenantOk;

internal static class CallContext
{
    internal static readonly AsyncLocal<string?> Tenant = new();
}

internal sealed class QuotaTable
{
    public long LimitFor(string? tenant) => tenant is null ? 1L << 20 : 1L << 30;
}

internal sealed class SegmentGrain(IoRing ring, int segmentFd, QuotaTable quotas)
{
    public async Task<bool> SealAsync(string tenant, long length)
    {
        CallContext.Tenant.Value = tenant;
        string? current = CallContext.Tenant.Value;
        Task<bool> check;
        using (ExecutionContext.SuppressFlow())
        {
            check = Task.Run(() => length <= quotas.LimitFor(current));
        }

        bool within = await check.ConfigureAwait(false);
        if (within)
        {
            await ring.FsyncAsync(segmentFd).ConfigureAwait(false);
        }

        return within;
    }
}
