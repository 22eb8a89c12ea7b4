// A synchronous Dispose (the host's last resort after the async drain timed out) half-closes the remaining connections
// with the blocking `shutdown` wrapper; the async drain awaits the generated variant.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Blocking.DrainSyncDispose;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Shutdown(int fd, int how);
}

public sealed class GracefulShutdown(IReadOnlyCollection<int> connections, Task inFlightDrained) : IDisposable
{
    private const int SHUT_RD = 0;

    public async Task StopAsync(CancellationToken ct)
    {
        foreach (int fd in connections)
        {
            await Native.ShutdownAsync(fd, SHUT_RD, ct);
        }

        await inFlightDrained.WaitAsync(ct);
    }

    public void Dispose()
    {
        foreach (int fd in connections)
        {
            Native.Shutdown(fd, SHUT_RD);
        }
    }
}
