// The same exporter awaits the generated fsync variant inside its async lambda.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.ExporterTaskRunFsyncAsync;

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
            await Native.FsyncAsync(ring, fd, ct);
        }, ct);
}
