// The trailer reader lets the same switch expression choose the size of a heap array, which the returned pread variant's task keeps alive until the caller awaits it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.SwitchStackTrailerOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint Pread(int fd, byte* buffer, nuint count, long offset);
}

internal enum SegmentFormat
{
    V1,
    V2,
}

internal sealed class TrailerReader(int segmentFd)
{
    public ValueTask<nint> ReadTrailerAsync(SegmentFormat format, long fileLength, CancellationToken ct)
    {
        byte[] target = format switch
        {
            SegmentFormat.V1 => new byte[16],
            _ => new byte[128],
        };
        return Native.PreadAsync(segmentFd, target.AsMemory(), fileLength - target.Length, ct);
    }
}
