// A file-sync tool copies unchanged extents with a reflink (FICLONERANGE) instead of reading and writing them. The
// clone range is a local struct, and its address goes to the generated worker variant of ioctl in one arm of a `?:`
// whose task the non-async method returns. The method's frame is gone as soon as it returns, while the worker's
// ioctl has not even started reading the struct: the kernel clones whatever the next call left on the stack (another
// source fd, offsets, length) into the destination, silently corrupting the copy, or fails with EBADF/EINVAL.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.StackMemory.ReflinkCloneRangeConditional;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, uint request, nint argument);
}

[StructLayout(LayoutKind.Sequential)]
internal struct FileCloneRange
{
    public long SourceFd;
    public ulong SourceOffset;
    public ulong SourceLength;
    public ulong DestinationOffset;
}

public sealed class ReflinkCopier
{
    private const uint FICLONE = 0x40049409;
    private const uint FICLONERANGE = 0x4020940D;

    public unsafe ValueTask<int> CloneAsync(int sourceFd, int destinationFd, long offset, long length, bool wholeFile, CancellationToken ct)
    {
        FileCloneRange range = new()
        {
            SourceFd = sourceFd,
            SourceOffset = (ulong)offset,
            SourceLength = (ulong)length,
            DestinationOffset = (ulong)offset,
        };
        return wholeFile
            ? Native.IoctlAsync(destinationFd, FICLONE, sourceFd, ct)
            : Native.IoctlAsync(destinationFd, FICLONERANGE, /*~ASYS1004*/(nint)(&range), ct);
    }
}
