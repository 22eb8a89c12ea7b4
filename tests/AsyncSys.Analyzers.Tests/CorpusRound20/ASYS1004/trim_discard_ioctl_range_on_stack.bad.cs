// When the key-value store frees an extent it trims it on the block device with ioctl(BLKDISCARD), through the generated
// worker variant, passing the {start, length} pair as a stack address. The method returns the variant's task; the
// worker reads the range after this frame is gone, so it discards whatever bytes the stack holds then, and may trim
// live data.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.DiscardRangeOnStack;

internal static partial class Native
{
    internal const int BLKDISCARD = 0x1277;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, int request, nint argument);
}

public sealed class ExtentTrimmer(int deviceFd)
{
    public unsafe ValueTask<int> TrimAsync(ulong start, ulong length, CancellationToken ct)
    {
        ulong* range = stackalloc ulong[2];
        range[0] = start;
        range[1] = length;
        return Native.IoctlAsync(deviceFd, Native.BLKDISCARD, /*~ASYS1004*/(nint)range, ct);
    }
}
