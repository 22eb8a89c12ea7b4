using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Blocking.BTreeTruncate;

internal static partial class Native
{
    [DllImport("libc", SetLastError = true)]
    [AsyncSyscall]
    public static extern int ftruncate(int fd, long length);
}

/// <summary>A B-tree appends a new page; a failed append is cut back so no torn page stays at the end of the file.</summary>
internal sealed class PageAppender(IoRing ring, int fd)
{
    public const int PageSize = 4096;
    private long _pages;

    public async Task<long> AppendAsync(ReadOnlyMemory<byte> page, CancellationToken cancellationToken)
    {
        long offset = _pages * PageSize;
        try
        {
            await ring.WriteAsync(fd, page, offset, cancellationToken);
            await ring.FdatasyncAsync(fd, cancellationToken);
        }
        catch (ErrnoException)
        {
            /*~ASYS1007*/Native.ftruncate(fd, offset);   // blocking, in the middle of an async method
            throw;
        }

        return _pages++;
    }
}
