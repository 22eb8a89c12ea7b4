// A checkpoint work item queued with ThreadPool.UnsafeQueueUserWorkItem implements Execute as `async void`; after awaiting the ring write of the checkpoint it calls the blocking fdatasync wrapper directly, blocking a pool thread in async code for the whole flush.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.CheckpointWorkItemBad;

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
            if (/*~ASYS1007*/Native.Fdatasync(fd) < 0)
            {
                throw new InvalidOperationException("fdatasync failed, errno " + Marshal.GetLastPInvokeError());
            }

            done.TrySetResult();
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }
}
