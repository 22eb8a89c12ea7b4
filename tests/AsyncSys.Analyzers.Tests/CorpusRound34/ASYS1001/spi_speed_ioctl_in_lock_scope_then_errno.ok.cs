// An SPI bus shared by several chip drivers sets the clock speed inside a System.Threading.Lock scope and reads errno
// after the scope ends: only the lock's exit ran in between.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round34.Errno.SpiSpeedLockScope;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public sealed unsafe class SharedSpiBus(int spiFd)
{
    private const nuint SPI_IOC_WR_MAX_SPEED_HZ = 0x40046B04;
    private readonly Lock _gate = new();

    public void SetSpeed(uint hz)
    {
        int rc;
        using (_gate.EnterScope())
        {
            rc = Native.Ioctl(spiFd, SPI_IOC_WR_MAX_SPEED_HZ, &hz);
        }

        if (rc < 0)
        {
            throw new IOException("SPI_IOC_WR_MAX_SPEED_HZ failed, errno " + Marshal.GetLastPInvokeError());
        }
    }
}
