// A sensor hub probes an I2C device: it selects the slave address with ioctl(I2C_SLAVE) and retries while the bus
// reports EBUSY (another master holds it), backing off with an awaited ring delay between attempts. errno is read
// after the await, on whatever thread the continuation runs on: EBUSY is seen as some other call's errno, so the
// probe gives up on a busy bus (or retries forever on a missing device).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Errno.I2cProbeRetryAfterDelay;

internal static class Native
{
    public const nuint I2C_SLAVE = 0x0703;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, nint argument);
}

public sealed class I2cProber(IoRing ring)
{
    public async Task<bool> ProbeAsync(int busFd, int address, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            int rc = Native.ioctl(busFd, Native.I2C_SLAVE, address);
            if (rc >= 0)
            {
                return true;
            }

            await ring.DelayAsync(TimeSpan.FromMilliseconds(10 << attempt), ct);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != AsyncSys.Errno.EBUSY)
            {
                return false;
            }
        }

        return false;
    }
}
