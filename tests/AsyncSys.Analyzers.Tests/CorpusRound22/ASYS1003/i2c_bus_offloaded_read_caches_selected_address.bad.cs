// An I2C bus object caches which slave address is currently selected, to skip the ioctl(I2C_SLAVE) when the same
// sensor is read twice in a row. The register read is an offloaded instance wrapper, so two sensors polled at once run
// on two workers: both see a stale cache, one selects its address between the other's select and read, and the
// humidity sensor's bytes are reported as the pressure sensor's.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.SharedState.I2cBusSelectedAddress;

internal static class Native
{
    public const nuint I2C_SLAVE = 0x0703;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, nint argument);

    [DllImport("libc", EntryPoint = "i2c_smbus_read_byte_data_shim", SetLastError = true)]
    public static extern int ReadByteData(int fd, byte register);
}

public sealed partial class I2cBus(int busFd)
{
    private int _selected = -1;

    private int Select(int address)
    {
        if (_selected == address)
        {
            return 0;
        }

        int rc = Native.ioctl(busFd, Native.I2C_SLAVE, address);
        if (rc == 0)
        {
            /*~ASYS1003*/_selected = address;
        }

        return rc;
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int ReadRegister(int address, byte register)
    {
        int rc = Select(address);
        return rc < 0 ? rc : Native.ReadByteData(busFd, register);
    }
}
