// A request pipeline keeps the current request in an ambient RequestScope.Current, a property over a [ThreadStatic]
// field (so log enrichers deep in the stack can find it). The forwarding step installs the request, awaits the backend
// round trip and restores the outer value in a finally: the restore runs on the thread the await resumed on, leaving
// this request installed on the first thread (later log lines there name the wrong request) and overwriting whatever
// the second thread had.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.PerThread.ThreadStaticRequestScope;

public sealed record RequestContext(string TraceId, string Route);

public static class RequestScope
{
    [ThreadStatic]
    private static RequestContext? t_current;

    public static RequestContext? Current
    {
        get => t_current;
        set => t_current = value;
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
            /*~ASYS1002*/RequestScope.Current = outer;
        }
    }
}
