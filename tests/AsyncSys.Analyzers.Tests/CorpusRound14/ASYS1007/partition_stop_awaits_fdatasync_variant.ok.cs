// The same partition log flushing in an async StopAsync that the host awaits: the appender is drained and the
// generated FdatasyncAsync is awaited, so no pool thread blocks and the host waits for the flush it asked for.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.Blocking.PartitionStopAwaitsFdatasync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed class PartitionLog(int segmentFd, Channel<byte[]> appends)
{
    public async Task StopAsync(CancellationToken ct)
    {
        appends.Writer.TryComplete();
        await appends.Reader.Completion;
        await Native.FdatasyncAsync(segmentFd, ct);
    }
}
