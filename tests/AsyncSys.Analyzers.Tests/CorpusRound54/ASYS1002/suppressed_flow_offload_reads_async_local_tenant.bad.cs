// A grain sets an AsyncLocal tenant for its call, then offloads a blocking checksum-and-fsync of the tenant's segment to Task.Run inside ExecutionContext.SuppressFlow (to keep its call context out of the pool); the offloaded lambda reads the AsyncLocal, which did not flow, and gets null, so every segment is checked against the default tenant's quota directory.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.SuppressedTenantBad;

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
        Task<bool> check;
        using (ExecutionContext.SuppressFlow())
        {
            check = Task.Run(() => length <= quotas.LimitFor(/*~ASYS1002*/CallContext.Tenant.Value));
        }

        bool within = await check.ConfigureAwait(false);
        if (within)
        {
            await ring.FsyncAsync(segmentFd).ConfigureAwait(false);
        }

        return within;
    }
}
