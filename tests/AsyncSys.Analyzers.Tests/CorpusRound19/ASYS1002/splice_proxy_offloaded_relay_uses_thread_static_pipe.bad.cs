// A zero-copy proxy keeps one pipe per event-loop thread (as HAProxy-style relays do) in [ThreadStatic] fields and
// relays a chunk socket -> pipe -> socket with two splices. Marked [AsyncSyscall(RingOp.None)], the relay runs on an
// AsyncSys worker, whose thread-static pipe fds are 0 (never set there): the first splice goes to stdin, and bytes of
// two connections relayed by one worker would mix in one pipe anyway.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round19.PerThread.ThreadStaticSplicePipe;

public static partial class ZeroCopyRelay
{
    private const uint SPLICE_F_MOVE = 1;

    [ThreadStatic]
    private static int t_pipeRead;

    [ThreadStatic]
    private static int t_pipeWrite;

    [DllImport("libc", EntryPoint = "splice", SetLastError = true)]
    private static extern nint Splice(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static extern int Pipe2(int[] fds, int flags);

    /// <summary>Called once on each event-loop thread at start.</summary>
    public static void EnsurePipe()
    {
        if (t_pipeRead != 0)
        {
            return;
        }

        int[] fds = new int[2];
        if (Pipe2(fds, 0) == 0)
        {
            (t_pipeRead, t_pipeWrite) = (fds[0], fds[1]);
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint RelayChunk(int fromFd, int toFd, nuint length)
    {
        nint n = Splice(fromFd, 0, /*~ASYS1002*/t_pipeWrite, 0, length, SPLICE_F_MOVE);
        if (n <= 0)
        {
            return n;
        }

        return Splice(/*~ASYS1002*/t_pipeRead, 0, toFd, 0, (nuint)n, SPLICE_F_MOVE);
    }
}
