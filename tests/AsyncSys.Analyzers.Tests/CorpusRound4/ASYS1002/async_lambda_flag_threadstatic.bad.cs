using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.FlushFlag;

internal static class IdleFlusher
{
    [ThreadStatic]
    private static bool t_flushing;

    public static bool IsFlushing => t_flushing;

    public static Func<Task> FlushOnIdle(IoRing ring, int fd) => async () =>
    {
        t_flushing = true;
        await ring.FdatasyncAsync(fd);
        /*~ASYS1002*/t_flushing = false;   // clears the flag of the thread it resumed on; the first stays set
    };
}
