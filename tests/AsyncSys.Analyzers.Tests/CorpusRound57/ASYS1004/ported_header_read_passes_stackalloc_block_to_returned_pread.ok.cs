// A segment reader ported from a stackalloc header and pread reads the 32-byte header into the caller's array through the generated pread variant: the Memory pins the array for as long as the operation runs, and no frame of this method is involved.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.StackallocHeaderPreadOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Pread(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class SegmentReader(int segmentFd)
{
    public ValueTask<nint> ReadHeaderAsync(byte[] header, long segmentOffset, CancellationToken ct)
    {
        return Native.PreadAsync(segmentFd, header.AsMemory(0, 32), segmentOffset, ct);
    }
}
