using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.PerThread.BTreeLsnOk;

/// <summary>A B-tree writes dirty pages; the caller reads its transaction's LSN and passes it in.</summary>
internal static partial class PageWriter
{
    public const int PageSize = 4096;

    [ThreadStatic]
    private static long t_currentLsn;

    public static void BeginTransaction(long lsn) => t_currentLsn = lsn;

    [DllImport("libc", SetLastError = true)]
    private static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StampAndWritePage(int fd, byte[] page, long pageNumber, long lsn)
    {
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(8, 8), lsn);
        return (int)pwrite(fd, page, PageSize, pageNumber * PageSize);
    }

    /// <summary>Called on the transaction's thread, before anything awaits.</summary>
    public static ValueTask<int> FlushPageAsync(int fd, byte[] page, long pageNumber, CancellationToken cancellationToken) =>
        StampAndWritePageAsync(fd, page, pageNumber, t_currentLsn, cancellationToken);
}
