// A connection pool's async ResetAsync (run when the server fails over) closes every idle socket by awaiting the
// generated close variant in a foreach: each close runs on the ring and no thread blocks in close(2).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.PoolResetAwaitsClose;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Close(int fd);
}

public sealed class ConnectionPool
{
    private readonly List<int> _idle = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Return(int fd)
    {
        lock (_idle)
        {
            _idle.Add(fd);
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            foreach (int fd in _idle)
            {
                await Native.CloseAsync(fd, ct);
            }

            _idle.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }
}
