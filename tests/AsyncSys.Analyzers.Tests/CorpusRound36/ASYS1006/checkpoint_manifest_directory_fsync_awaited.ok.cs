// The checkpoint made right: the directory fsync that makes the manifest rename durable is awaited before the WAL it
// replaces is truncated.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.CheckpointDirFsyncAwaited;

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

        await ring.FsyncAsync(directoryFd, ct);
        await ring.FtruncateAsync(walFd, 0, ct);
    }
}
