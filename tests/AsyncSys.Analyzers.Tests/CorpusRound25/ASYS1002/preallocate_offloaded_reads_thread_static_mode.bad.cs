// The download scheduler chooses how to preallocate the target file (keep size for sparse resumable files, or a real
// allocation) and leaves the choice in a [ThreadStatic] field for the preallocation wrapper to pick up. The wrapper is
// offloaded (no ring opcode): it runs on an AsyncSys worker whose field is 0, so every file is preallocated with the
// default mode and resumable files get their apparent size changed.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.PerThread.PreallocateMode;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fallocate64", SetLastError = true)]
    internal static extern int PosixFallocate(int fd, long offset, long length, int mode);
}

public static partial class Preallocation
{
    [System.ThreadStatic] internal static int t_mode;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reserve(int fd, long length) => Native.PosixFallocate(fd, 0, length, /*~ASYS1002*/t_mode);
}
