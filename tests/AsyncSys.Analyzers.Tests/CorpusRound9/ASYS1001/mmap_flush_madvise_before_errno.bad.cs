using System;
using System.Runtime.InteropServices;

namespace Round9.Errno.MappedFlush;

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

/// <summary>A memory-mapped page store flushes a dirty range and, for cold ranges, drops the pages from memory.</summary>
internal sealed class MappedPageStore(nint mapping, int pageSize)
{
    public FlushOutcome Flush(long firstPage, int pages, bool cold)
    {
        nint start = mapping + (nint)(firstPage * pageSize);
        nuint length = (nuint)((long)pages * pageSize);
        int rc = Mman.Msync(start, length, Mman.MS_SYNC);
        if (cold)
        {
            Mman.Madvise(start, length, Mman.MADV_DONTNEED);   // cold pages are read from the file again when touched
        }

        // after a successful madvise the saved error is 0: an EIO from msync reads as "failed with 0"
        return rc switch
        {
            0 => new FlushOutcome(FlushStatus.Durable, 0),
            _ => new FlushOutcome(FlushStatus.Failed, /*~ASYS1001*/Marshal.GetLastPInvokeError()),
        };
    }
}
