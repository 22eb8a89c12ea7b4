// The same trim with the range in native memory that is freed only after the worker's ioctl has been awaited.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.StackMemory.DiscardRangeNative;

internal static partial class Native
{
    internal const int BLKDISCARD = 0x1277;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ioctl(int fd, int request, nint argument);
}

public sealed class ExtentTrimmer(int deviceFd)
{
    public async Task<int> TrimAsync(ulong start, ulong length, CancellationToken ct)
    {
        nint range = AllocRange(start, length);
        try
        {
            return await Native.IoctlAsync(deviceFd, Native.BLKDISCARD, range, ct);
        }
        finally
        {
            FreeRange(range);
        }
    }

    private static unsafe nint AllocRange(ulong start, ulong length)
    {
        ulong* range = (ulong*)NativeMemory.Alloc(2, sizeof(ulong));
        range[0] = start;
        range[1] = length;
        return (nint)range;
    }

    private static unsafe void FreeRange(nint range) => NativeMemory.Free((void*)range);
}
