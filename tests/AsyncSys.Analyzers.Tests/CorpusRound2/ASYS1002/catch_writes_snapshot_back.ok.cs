// A [ThreadStatic] failure count touched only after the await: it counts on the thread the catch runs on.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Syncer
{
    [ThreadStatic]
    private static int t_failures;

    public static int FailuresOnThisThread => t_failures;

    public static async Task<bool> TrySyncAsync(IoRing ring, int fd)
    {
        try
        {
            await ring.FdatasyncAsync(fd);
            return true;
        }
        catch (ErrnoException)
        {
            t_failures++;
            return false;
        }
    }
}
