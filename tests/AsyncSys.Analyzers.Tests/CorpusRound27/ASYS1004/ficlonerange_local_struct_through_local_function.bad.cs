// A deduplicating copier shares identical extents with FICLONERANGE; it fills the file_clone_range argument in a local
// and hands its address to a local function that starts the offloaded ioctl and returns the task: the method returns
// the task while the worker has yet to read the range, so the kernel clones whatever the dead frame holds by then.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round27.StackMemory.CloneRangeLocalStruct;

[StructLayout(LayoutKind.Sequential)]
internal struct FileCloneRange
{
    public long SrcFd;
    public ulong SrcOffset;
    public ulong SrcLength;
    public ulong DestOffset;
}

internal static partial class Native
{
    internal const ulong FICLONERANGE = 0x4020940d;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public static class ExtentCloner
{
    public static unsafe ValueTask<int> CloneExtentAsync(int srcFd, int destFd, long offset, long length, CancellationToken ct)
    {
        var range = new FileCloneRange
        {
            SrcFd = srcFd,
            SrcOffset = (ulong)offset,
            SrcLength = (ulong)length,
            DestOffset = (ulong)offset,
        };
        return Submit(/*~ASYS1004*/&range);

        ValueTask<int> Submit(FileCloneRange* r) => Native.IoctlAsync(destFd, Native.FICLONERANGE, (nint)r, ct);
    }
}
