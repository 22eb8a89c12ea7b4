// The metrics exporter persists its last-exported watermark from an async lambda started with Task.Run and calls the
// blocking fsync wrapper there: the pool thread is held for the whole flush even though the lambda is async.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ExporterTaskRunFsync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);
}

public sealed class WatermarkStore(IoRing ring, int fd)
{
    public Task SaveAsync(byte[] watermark, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await ring.WriteAsync(fd, watermark, 0, ct);
            /*~ASYS1007*/Native.Fsync(fd);
        }, ct);
}
