// A GPIO button watcher (sysfs, edge = both) hands out an edge waiter made with an async anonymous method: it waits
// for POLLPRI on the value file through the ring, awaits the generated lseek variant to rewind the file, and reads the
// new level.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Blocking.GpioEdgeDelegateSeekAwaited;

public static unsafe partial class Gpio
{
    public const int SEEK_SET = 0;

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    [AsyncSyscall]
    public static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}

public sealed class ButtonWatcher(IoRing ring, int valueFd)
{
    public Func<CancellationToken, Task<bool>> CreateEdgeWaiter()
    {
        byte[] level = new byte[2];
        return async delegate (CancellationToken cancellationToken)
        {
            await ring.PollAsync(valueFd, PollEvents.Priority | PollEvents.Error, cancellationToken);
            await Gpio.SeekAsync(valueFd, 0, Gpio.SEEK_SET, cancellationToken);
            nint n = await Gpio.ReadAsync(valueFd, level, cancellationToken);
            return n > 0 && level[0] == (byte)'1';
        };
    }
}
