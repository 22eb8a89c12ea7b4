// A copy worker's offloaded sync_file_range-like flush reports progress through the dialog's IProgress<long>, held in a
// field: Progress<T>.Report only posts to the UI context, and the running total is per call, so nothing shared is
// written by the workers.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.CopyWorkerReportsProgress;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public sealed partial class CopyWorker(IProgress<long> progress)
{
    private readonly IProgress<long> _progress = progress;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int FlushChunk(int fd, long copiedSoFar)
    {
        long total = copiedSoFar;
        _progress.Report(total);
        return Native.Fdatasync(fd);
    }
}
