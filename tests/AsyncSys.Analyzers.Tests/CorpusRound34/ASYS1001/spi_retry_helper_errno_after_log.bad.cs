// An SPI flash driver runs its ioctls through a retry helper given a Func<int>. When the call keeps failing the helper
// prints a diagnostic line and then reads errno for the exception: the write to stderr ran after the failed ioctl, so
// the exception carries the console's errno.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.SpiRetryHelperAfterLog;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public static unsafe class SpiFlash
{
    private const nuint SPI_IOC_WR_MAX_SPEED_HZ = 0x40046B04;

    public static int Retry(Func<int> call, string what, int attempts)
    {
        int r = -1;
        for (int i = 0; i < attempts; i++)
        {
            r = call();
            if (r >= 0) return r;
        }

        Console.Error.WriteLine(what + " failed after " + attempts + " attempts");
        throw new IOException(what + ": errno " + /*~ASYS1001*/Marshal.GetLastWin32Error());
    }

    public static void SetSpeed(int spiFd, uint hz) =>
        Retry(() => SetSpeedOnce(spiFd, hz), "SPI_IOC_WR_MAX_SPEED_HZ", 3);

    private static int SetSpeedOnce(int spiFd, uint hz) => Native.Ioctl(spiFd, SPI_IOC_WR_MAX_SPEED_HZ, &hz);
}
