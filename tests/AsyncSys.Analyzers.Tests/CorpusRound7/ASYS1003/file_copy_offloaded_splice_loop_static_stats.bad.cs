using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Shared.CopyStats;

internal sealed class CopyStatistics
{
    public long BytesCopied;
    public int ShortCopies;
}

/// <summary>A file copy tool moves data between descriptors with copy_file_range on workers; all copies report into one stats object.</summary>
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

            if (n == 0)
            {
                /*~ASYS1003*/s_stats.ShortCopies++;
                break;
            }

            done += n;
            /*~ASYS1003*/s_stats.BytesCopied += n;   // concurrent copies lose each other's bytes
        }

        return done;
    }
}
