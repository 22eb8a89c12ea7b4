// A server's async graceful-shutdown routine walks the open connections, half-closes each with the blocking `shutdown`
// wrapper, and then waits for the in-flight requests to finish. The blocking call runs on a thread-pool thread inside
// the async routine although the generated ShutdownAsync exists; with thousands of connections the drain holds a pool
// thread for its whole walk while the requests it waits for need pool threads to finish.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Blocking.DrainBlockingShutdown;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Shutdown(int fd, int how);
}

public sealed class GracefulShutdown(IReadOnlyCollection<int> connections, Task inFlightDrained)
{
    private const int SHUT_RD = 0;

    public async Task StopAsync(CancellationToken ct)
    {
        foreach (int fd in connections)
        {
            /*~ASYS1007*/Native.Shutdown(fd, SHUT_RD);
        }

        await inFlightDrained.WaitAsync(ct);
    }
}
