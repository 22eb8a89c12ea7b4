using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round5.Blocking.TimerSync;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Fdatasync(int fd);
}

internal sealed class PeriodicSync : IDisposable
{
    private readonly Timer _timer;

    public PeriodicSync(int fd, TimeSpan period)
    {
        // A synchronous callback: blocking here is this timer's own choice.
        _timer = new Timer(_ => Libc.Fdatasync(fd), null, period, period);
    }

    public void Dispose() => _timer.Dispose();
}
