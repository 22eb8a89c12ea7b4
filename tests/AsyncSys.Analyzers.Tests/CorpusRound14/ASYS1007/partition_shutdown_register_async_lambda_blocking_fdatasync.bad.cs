// A partition log makes its last appends durable when the host stops: it registers an async lambda on the stopping
// token that completes the append channel, waits for the appender to drain, and then calls the blocking fdatasync
// wrapper. The lambda is an async void delegate run by the token's Cancel on a pool thread; the blocking fdatasync
// holds that thread for the whole flush (hundreds of ms on a busy disk) while every other shutdown callback queues
// behind it, and the host's shutdown timeout kills the process before the flush returns. FdatasyncAsync exists.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using AsyncSys;

namespace Round14.Blocking.ShutdownRegisterBlockingFdatasync;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed class PartitionLog(int segmentFd, Channel<byte[]> appends)
{
    public CancellationTokenRegistration FlushOnShutdown(CancellationToken stopping)
    {
        return stopping.Register(async () =>
        {
            appends.Writer.TryComplete();
            await appends.Reader.Completion;
            /*~ASYS1007*/Native.Fdatasync(segmentFd);
        });
    }
}
