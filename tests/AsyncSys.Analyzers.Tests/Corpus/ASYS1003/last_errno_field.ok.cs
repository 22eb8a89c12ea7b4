// The errno is part of the call's result instead of a shared field.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocateRaw(int fd, int mode, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Reserve(int fd, long length)
    {
        int result = FAllocateRaw(fd, 0, 0, length);
        return result < 0 ? -Marshal.GetLastPInvokeError() : result;
    }
}
