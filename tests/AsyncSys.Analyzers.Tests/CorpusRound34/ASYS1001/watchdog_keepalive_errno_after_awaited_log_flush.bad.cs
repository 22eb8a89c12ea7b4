// A watchdog daemon pets /dev/watchdog once a second with a one-byte write. When the write fails it first flushes its
// log file (awaited) and only then reads errno to decide whether the device went away (ENODEV) and it must reboot
// cleanly. After the await the method runs on another pool thread, whose errno is unrelated to the failed write.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round34.Errno.WatchdogAfterFlush;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public sealed class WatchdogPetter(int watchdogFd, StreamWriter log)
{
    private const int ENODEV = 19;

    public async Task<bool> PetAsync(CancellationToken ct)
    {
        nint written = Pet();
        if (written < 0)
        {
            await log.FlushAsync(ct);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            return errno != ENODEV;
        }

        return true;
    }

    private unsafe nint Pet()
    {
        byte ping = (byte)'k';
        return Native.Write(watchdogFd, &ping, 1);
    }
}
