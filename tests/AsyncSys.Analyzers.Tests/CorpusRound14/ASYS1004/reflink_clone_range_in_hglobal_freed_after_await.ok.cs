// The same reflink copier with the clone range in unmanaged memory from AllocHGlobal, freed in a finally after the
// ioctl has been awaited: the struct outlives the worker's call on every path.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.StackMemory.ReflinkCloneRangeHGlobal;

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

    public async ValueTask<int> CloneAsync(int sourceFd, int destinationFd, long offset, long length, bool wholeFile, CancellationToken ct)
    {
        if (wholeFile)
        {
            return await Native.IoctlAsync(destinationFd, FICLONE, sourceFd, ct);
        }

        nint range = Marshal.AllocHGlobal(Marshal.SizeOf<FileCloneRange>());
        try
        {
            Marshal.StructureToPtr(
                new FileCloneRange
                {
                    SourceFd = sourceFd,
                    SourceOffset = (ulong)offset,
                    SourceLength = (ulong)length,
                    DestinationOffset = (ulong)offset,
                },
                range,
                fDeleteOld: false);
            return await Native.IoctlAsync(destinationFd, FICLONERANGE, range, ct);
        }
        finally
        {
            Marshal.FreeHGlobal(range);
        }
    }
}
