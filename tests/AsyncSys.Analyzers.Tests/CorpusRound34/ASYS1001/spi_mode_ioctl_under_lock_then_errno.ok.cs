// An SPI device driver sets the bus mode (SPI_IOC_WR_MODE) under a lock shared with the transfer path, then reads
// errno after the lock is released. Only Monitor.Exit ran in between, which saves no error of its own.
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.SpiModeUnderLock;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public sealed unsafe class SpiBus(int spiFd)
{
    private const nuint SPI_IOC_WR_MODE = 0x40016B01;
    private readonly object _gate = new();

    public void SetMode(byte mode)
    {
        int rc;
        lock (_gate)
        {
            rc = Native.Ioctl(spiFd, SPI_IOC_WR_MODE, &mode);
        }

        if (rc < 0)
        {
            throw new IOException("SPI_IOC_WR_MODE failed, errno " + Marshal.GetLastPInvokeError());
        }
    }
}
