using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.PerThread.ScopeStack;

/// <summary>A page cache that tags its log lines with a stack of scopes kept per thread.</summary>
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

    public static string CurrentScope => t_scopes is { Count: > 0 } scopes ? string.Join("/", scopes) : "-";

    public async ValueTask<int> ReadPageAsync(long pageNo, Memory<byte> page, CancellationToken cancellationToken)
    {
        t_scopes ??= new Stack<string>();
        t_scopes.Push("page " + pageNo);
        int n = await _ring.ReadAsync(_fd, page, pageNo * page.Length, cancellationToken);
        // Resumed on another thread: pops a scope some other request pushed there (or finds no stack at all).
        /*~ASYS1002*/t_scopes?.Pop();
        return n;
    }
}
