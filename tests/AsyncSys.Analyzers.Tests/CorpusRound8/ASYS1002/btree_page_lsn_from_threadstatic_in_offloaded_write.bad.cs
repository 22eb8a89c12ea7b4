using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round8.PerThread.BTreeLsn;

/// <summary>A B-tree writes dirty pages; each page is stamped with the log sequence number of the transaction writing it.</summary>
internal static partial class PageWriter
{
    public const int PageSize = 4096;

    /// <summary>Set by the transaction that runs on this thread.</summary>
    [ThreadStatic]
    private static long t_currentLsn;

    public static void BeginTransaction(long lsn) => t_currentLsn = lsn;

    [DllImport("libc", SetLastError = true)]
    private static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

    /// <summary>Stamps the page's LSN in its header and writes it in place.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StampAndWritePage(int fd, byte[] page, long pageNumber)
    {
        // Run on an AsyncSys worker: this is the worker's field, 0, not the transaction's LSN.
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(8, 8), /*~ASYS1002*/t_currentLsn);
        return (int)pwrite(fd, page, PageSize, pageNumber * PageSize);
    }
}
