using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.Reserved;

public static partial class Space
{
    public static long TotalReserved { get; private set; }

    [DllImport("libc", EntryPoint = "posix_fallocate")]
    private static extern int posix_fallocate_raw(int fd, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Reserve(int fd, long length)
    {
        int error = posix_fallocate_raw(fd, 0, length);
        if (error != 0)
        {
            Marshal.SetLastSystemError(error);
            return -1;
        }

        /*~ASYS1003*/TotalReserved += length;
        return 0;
    }
}
