// A connection pool's async ResetAsync (run when the server fails over) closes every idle socket with List.ForEach and
// a lambda calling the blocking close wrapper. ForEach runs the lambda right here, so the async reset blocks its thread
// in close(2) once per idle connection (a TCP socket with SO_LINGER set can block in close for seconds).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.PoolResetForEachClose;

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
            _idle.ForEach(fd => /*~ASYS1007*/Native.Close(fd));
            _idle.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }
}
