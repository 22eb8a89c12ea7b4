// The wrapper keeps the last errno in a static field that overlapping calls overwrite.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    internal static int LastError;

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocateRaw(int fd, int mode, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Reserve(int fd, long length)
    {
        int result = FAllocateRaw(fd, 0, 0, length);
        /*~ASYS1003*/LastError = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        return result;
    }
}
