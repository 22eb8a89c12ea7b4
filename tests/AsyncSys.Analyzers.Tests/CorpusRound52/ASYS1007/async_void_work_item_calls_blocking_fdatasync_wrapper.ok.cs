// A checkpoint work item queued with ThreadPool.UnsafeQueueUserWorkItem implements Execute as `async void`; after awaiting the ring write of the checkpoint it awaits the generated FdatasyncAsync variant, so no pool thread blocks.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.CheckpointWorkItemOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class CheckpointWorkItem(IoRing ring, int fd, byte[] checkpoint, TaskCompletionSource done) : IThreadPoolWorkItem
{
    public async void Execute()
    {
        try
        {
            await ring.WriteAsync(fd, checkpoint, 0, CancellationToken.None).ConfigureAwait(false);
            await Native.FdatasyncAsync(ring, fd, CancellationToken.None).ConfigureAwait(false);
            done.TrySetResult();
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }
}
