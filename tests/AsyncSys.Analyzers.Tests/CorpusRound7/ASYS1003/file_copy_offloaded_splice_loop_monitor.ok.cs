using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round7.Shared.CopyStatsOk;

internal sealed class CopyStatistics
{
    public long BytesCopied;
    public int ShortCopies;
}

/// <summary>A file copy tool moves data with copy_file_range on workers; the shared stats are updated under the monitor.</summary>
internal static unsafe partial class RangeCopier
{
    private static readonly CopyStatistics s_stats = new();

    public static CopyStatistics Stats => s_stats;

    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static extern nint copy_file_range(int fdIn, long* offIn, int fdOut, long* offOut, nint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long CopyAll(int from, int to, long length)
    {
        long done = 0;
        while (done < length)
        {
            nint n = copy_file_range(from, null, to, null, (nint)(length - done), 0);
            if (n < 0)
            {
                return -1;
            }

            Monitor.Enter(s_stats);
            try
            {
                if (n == 0)
                {
                    s_stats.ShortCopies++;
                }
                else
                {
                    s_stats.BytesCopied += n;
                }
            }
            finally
            {
                Monitor.Exit(s_stats);
            }

            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return done;
    }
}
