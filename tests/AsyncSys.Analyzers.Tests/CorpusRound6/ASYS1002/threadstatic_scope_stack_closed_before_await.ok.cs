using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.ScopeStackClosed;

/// <summary>The scope is pushed and popped on one side of the await; the log line carries it across as a string.</summary>
internal sealed class TracedPageReader
{
    [ThreadStatic]
    private static Stack<string>? t_scopes;

    private readonly IoRing _ring;
    private readonly int _fd;

    public TracedPageReader(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<int> ReadPageAsync(long pageNo, Memory<byte> page, CancellationToken cancellationToken)
    {
        t_scopes ??= new Stack<string>();
        t_scopes.Push("page " + pageNo);
        string scope = string.Join("/", t_scopes);
        t_scopes.Pop();

        int n = await _ring.ReadAsync(_fd, page, pageNo * page.Length, cancellationToken);
        Console.WriteLine($"[{scope}] read {n} bytes");
        return n;
    }
}
