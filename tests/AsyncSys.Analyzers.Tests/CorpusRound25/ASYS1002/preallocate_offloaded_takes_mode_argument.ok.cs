// The same preallocation wrapper, with the mode passed as an argument: the worker gets the caller's choice.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round25.PerThread.PreallocateModeArgument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fallocate64", SetLastError = true)]
    internal static extern int PosixFallocate(int fd, long offset, long length, int mode);
}

public static partial class Preallocation
{
    [System.ThreadStatic] internal static int t_mode;

    public static int CurrentMode => t_mode;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reserve(int fd, long length, int mode) => Native.PosixFallocate(fd, 0, length, mode);
}
