using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.OutParams;

public static partial class Pipes
{
    public const int O_CLOEXEC = 0x80000;

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int pipe2(int* fds, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static unsafe int CreatePipe(int flags, out int readFd, out int writeFd)
    {
        int* fds = stackalloc int[2];
        int rc = pipe2(fds, flags);
        readFd = fds[0];
        writeFd = fds[1];
        return rc;
    }
}

internal static class Channel
{
    public static async ValueTask<(int Read, int Write)> OpenAsync()
    {
        await Task.Yield();
        int rc = /*~ASYS1007*/Pipes.CreatePipe(Pipes.O_CLOEXEC, out int readFd, out int writeFd);
        if (rc != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pipe2");
        }

        return (readFd, writeFd);
    }
}
