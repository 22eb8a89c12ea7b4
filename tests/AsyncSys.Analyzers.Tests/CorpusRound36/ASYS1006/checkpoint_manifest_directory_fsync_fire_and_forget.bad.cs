// A checkpoint renames the new manifest into place and starts an fsync of the directory to make the rename durable,
// but discards that fsync's task and immediately truncates the WAL the manifest replaces. A crash before the directory
// fsync completes loses the rename while the log is already gone; an fsync error (EIO) is never seen.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.CheckpointDirFsyncDropped;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string from, string to);
}

public sealed class Checkpointer(IoRing ring, int directoryFd, int walFd)
{
    public async Task PublishAsync(string tempManifest, string manifest, CancellationToken ct)
    {
        if (Native.Rename(tempManifest, manifest) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "rename", manifest);
        }

        /*~ASYS1006*/_ = ring.FsyncAsync(directoryFd, ct);
        await ring.FtruncateAsync(walFd, 0, ct);
    }
}
