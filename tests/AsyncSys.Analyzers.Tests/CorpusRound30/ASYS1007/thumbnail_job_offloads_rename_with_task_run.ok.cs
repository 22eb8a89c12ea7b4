// A thumbnail job queue publishes each thumbnail from an async method by handing the blocking rename wrapper to
// Task.Run in a synchronous lambda, on purpose (the job queue runs on its own dedicated scheduler's threads); the
// blocking call is inside a non-async lambda, where blocking is the caller's explicit choice.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.Blocking.ThumbnailRenameTaskRun;

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

public sealed class ThumbnailWorker(IoRing ring, TaskScheduler jobScheduler)
{
    public async Task RunAsync(ThumbnailJob job, CancellationToken ct)
    {
        await ring.WriteAsync(job.TempFd, job.Jpeg, 0, ct);
        await ring.CloseAsync(job.TempFd, ct);
        int rc = await Task.Factory.StartNew(
            () => ThumbnailFiles.Publish(job.TempPath, job.FinalPath),
            ct,
            TaskCreationOptions.LongRunning,
            jobScheduler);
        if (rc < 0)
        {
            throw new InvalidOperationException($"publishing {job.FinalPath} failed");
        }
    }
}
