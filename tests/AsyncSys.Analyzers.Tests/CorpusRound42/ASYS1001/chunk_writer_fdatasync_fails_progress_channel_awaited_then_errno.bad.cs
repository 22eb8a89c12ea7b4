// A chunk writer's plain fdatasync fails; a failure record is written to a bounded progress channel and awaited before errno is read.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int FdatasyncNow(int fd);
}

public readonly record struct SyncEvent(long Chunk, bool Durable);

public sealed class ChunkSealer(int fd, Channel<SyncEvent> events)
{
    public async Task SealAsync(long chunk, CancellationToken ct)
    {
        if (Native.FdatasyncNow(fd) != 0)
        {
            await events.Writer.WriteAsync(new SyncEvent(chunk, false), ct);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fdatasync");
        }

        await events.Writer.WriteAsync(new SyncEvent(chunk, true), ct);
    }
}
