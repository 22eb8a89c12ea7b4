// A [ThreadStatic] failure count is read before an await and written back, plus one, in the catch.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Syncer
{
    [ThreadStatic]
    private static int t_failures;

    public static async Task<bool> TrySyncAsync(IoRing ring, int fd)
    {
        int failures = t_failures;
        try
        {
            await ring.FdatasyncAsync(fd);
            return true;
        }
        catch (ErrnoException)
        {
            t_failures = /*~ASYS1002*/failures + 1;
            return false;
        }
    }
}
