using System;
using System.Runtime.InteropServices;

namespace Round9.Errno.MappedFlushOk;

internal static partial class Mman
{
    public const int MS_SYNC = 4;
    public const int MADV_DONTNEED = 4;

    [LibraryImport("libc", EntryPoint = "msync", SetLastError = true)]
    public static partial int Msync(nint address, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    public static partial int Madvise(nint address, nuint length, int advice);
}

internal enum FlushStatus { Durable, Failed }

internal readonly record struct FlushOutcome(FlushStatus Status, int Errno);

/// <summary>A memory-mapped page store flushes a dirty range; msync's errno is kept before madvise drops cold pages.</summary>
internal sealed class MappedPageStore(nint mapping, int pageSize)
{
    public FlushOutcome Flush(long firstPage, int pages, bool cold)
    {
        nint start = mapping + (nint)(firstPage * pageSize);
        nuint length = (nuint)((long)pages * pageSize);
        int rc = Mman.Msync(start, length, Mman.MS_SYNC);
        int errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (cold)
        {
            Mman.Madvise(start, length, Mman.MADV_DONTNEED);
        }

        return rc switch
        {
            0 => new FlushOutcome(FlushStatus.Durable, 0),
            _ => new FlushOutcome(FlushStatus.Failed, errno),
        };
    }
}
