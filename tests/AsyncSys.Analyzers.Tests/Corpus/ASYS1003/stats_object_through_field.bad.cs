// The instance wrapper adds to a counter of a statistics object it holds.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class DeviceStats
{
    public long Ioctls;
    public long Failures;
}

internal sealed partial class BlockDevice(int fd)
{
    private readonly DeviceStats _stats = new();

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, nint argument);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public int Discard(nint range)
    {
        int result = Ioctl(fd, 0x1277, range);
        /*~ASYS1003*/_stats.Ioctls++;
        if (result < 0)
        {
            /*~ASYS1003*/_stats.Failures += 1;
        }

        return result;
    }
}
