// A connection pool's health check is an async lambda run for every idle connection; it calls the blocking
// SO_ERROR probe wrapper directly instead of awaiting its generated ProbeAsync, so each check holds a thread-pool
// thread for the getsockopt and the whole sweep runs on as many pool threads as there are connections.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.PoolHealthAsyncLambda;

internal static class Native
{
    internal const int SOL_SOCKET = 1, SO_ERROR = 4;

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    internal static extern int GetSockOpt(int fd, int level, int name, out int value, ref int length);
}

public static partial class SocketHealth
{
    // Returns the socket's pending error (0: healthy), or -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Probe(int fd)
    {
        int length = sizeof(int);
        return Native.GetSockOpt(fd, Native.SOL_SOCKET, Native.SO_ERROR, out int error, ref length) < 0 ? -1 : error;
    }
}

public sealed class PoolSweeper(IReadOnlyList<int> idleFds)
{
    public async Task<int[]> SweepAsync()
    {
        Func<int, Task<int>> check = async fd =>
        {
            await Task.Yield();
            int error = /*~ASYS1007*/SocketHealth.Probe(fd);
            return error == 0 ? -1 : fd;
        };

        int[] results = await Task.WhenAll(idleFds.Select(check));
        return results.Where(fd => fd >= 0).ToArray();
    }
}
