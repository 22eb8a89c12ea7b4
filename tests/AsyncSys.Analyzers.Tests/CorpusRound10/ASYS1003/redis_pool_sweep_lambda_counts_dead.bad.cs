using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round10.Shared.RedisPoolSweep;

/// <summary>
/// A Redis client's connection pool checks its idle sockets for a pending error (getsockopt SO_ERROR) before it
/// lends them out; SweepDeadAsync runs the sweep on a worker, and every pool of the process sweeps on its own timer.
/// </summary>
internal sealed partial class RedisConnectionPool(int[] idleFds)
{
    private const int SOL_SOCKET = 1;
    private const int SO_ERROR = 4;

    private static long s_deadFoundByAllPools;

    [DllImport("libc", SetLastError = true)]
    private static extern int getsockopt(int fd, int level, int name, ref int value, ref int length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int SweepDead()
    {
        int dead = 0;
        Array.ForEach(idleFds, fd =>
        {
            int error = 0;
            int length = sizeof(int);
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, ref error, ref length) == 0 && error != 0)
            {
                dead++;                             // a local of this call
                /*~ASYS1003*/s_deadFoundByAllPools++;   // shared by every pool's sweep, on concurrent workers
            }
        });
        return dead;
    }

    public static long DeadFoundByAllPools => s_deadFoundByAllPools;
}
