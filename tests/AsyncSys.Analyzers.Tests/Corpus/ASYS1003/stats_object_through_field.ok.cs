// The same counters with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
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
        Interlocked.Increment(ref _stats.Ioctls);
        if (result < 0)
        {
            Interlocked.Increment(ref _stats.Failures);
        }

        return result;
    }
}
