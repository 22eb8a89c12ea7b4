// The flush coordinator notes the starting thread only for its debug log line after the fdatasync.
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.FlushThreadIdLogged;

public sealed class FlushCoordinator(IoRing ring, TextWriter debugLog)
{
    public async Task FlushAsync(int segmentFd)
    {
        int startedOn = System.Environment.CurrentManagedThreadId;
        await ring.FdatasyncAsync(segmentFd);
        debugLog.WriteLine($"segment {segmentFd} flushed (started on thread {startedOn})");
    }
}
