// The same forwarding step with the ambient request kept in an AsyncLocal: the value flows with the async call, so the
// restore in the finally puts back this flow's outer request whatever thread it runs on.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.PerThread.AsyncLocalRequestScope;

public sealed record RequestContext(string TraceId, string Route);

public static class RequestScope
{
    private static readonly AsyncLocal<RequestContext?> s_current = new();

    public static RequestContext? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}

public sealed class ForwardStep(IoRing ring, int backendFd)
{
    public async ValueTask<int> ForwardAsync(RequestContext request, ReadOnlyMemory<byte> head, Memory<byte> reply, CancellationToken ct)
    {
        RequestContext? outer = RequestScope.Current;
        RequestScope.Current = request;
        try
        {
            await ring.SendAsync(backendFd, head, MessageFlags.None, ct);
            return await ring.ReceiveAsync(backendFd, reply, MessageFlags.None, ct);
        }
        finally
        {
            RequestScope.Current = outer;
        }
    }
}
