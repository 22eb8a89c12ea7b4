// A thumbnail job queue registers an async handler per job: it writes the encoded JPEG with the ring and then
// publishes it with the blocking rename wrapper. The handler runs on pool threads; on a network file system each rename
// can block for seconds, and with a burst of uploads every pool thread waits in rename while the ring completions queue.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.Blocking.ThumbnailHandlerRename;

internal static class Native
{
    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    internal static extern int Rename(string oldPath, string newPath);
}

public static partial class ThumbnailFiles
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Publish(string tempPath, string finalPath) => Native.Rename(tempPath, finalPath);
}

public sealed record ThumbnailJob(int TempFd, string TempPath, string FinalPath, byte[] Jpeg);

public sealed class ThumbnailWorker(IoRing ring)
{
    public Func<ThumbnailJob, CancellationToken, Task> CreateHandler() => async (job, ct) =>
    {
        await ring.WriteAsync(job.TempFd, job.Jpeg, 0, ct);
        await ring.CloseAsync(job.TempFd, ct);
        /*~ASYS1007*/ThumbnailFiles.Publish(job.TempPath, job.FinalPath);
    };
}
