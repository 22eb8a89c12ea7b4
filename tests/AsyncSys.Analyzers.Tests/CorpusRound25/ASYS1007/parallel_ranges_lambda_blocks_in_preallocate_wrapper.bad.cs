// Starting a parallel download, each file of the batch is preallocated inside the async lambda given to
// Parallel.ForEachAsync, with the blocking fallocate wrapper rather than its generated variant. Preallocating large
// files can take a while on some filesystems; each call holds one of the loop's thread-pool threads.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Blocking.ParallelPreallocate;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate64", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public static partial class Prealloc
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reserve(int fd, long length) => Native.Fallocate(fd, 0, 0, length);
}

public readonly record struct PlannedFile(int Fd, long Length);

public static class BatchStarter
{
    public static Task PreallocateAllAsync(IReadOnlyList<PlannedFile> files, IoRing ring)
        => Parallel.ForEachAsync(files, async (file, ct) =>
        {
            if (/*~ASYS1007*/Prealloc.Reserve(file.Fd, file.Length) != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fallocate");
            }

            await ring.FsyncAsync(file.Fd, ct);
        });
}
