// The same offloaded relay given the connection's own pipe as arguments: the caller owns one pipe per connection, so
// the worker that runs the splices uses exactly the pipe it was handed.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.PerThread.ConnectionSplicePipe;

public static partial class ZeroCopyRelay
{
    private const uint SPLICE_F_MOVE = 1;

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static extern nint Splice(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint RelayChunk(int fromFd, int pipeWrite, int pipeRead, int toFd, nuint length)
    {
        nint n = Splice(fromFd, 0, pipeWrite, 0, length, SPLICE_F_MOVE);
        if (n <= 0)
        {
            return n;
        }

        return Splice(pipeRead, 0, toFd, 0, (nuint)n, SPLICE_F_MOVE);
    }
}
