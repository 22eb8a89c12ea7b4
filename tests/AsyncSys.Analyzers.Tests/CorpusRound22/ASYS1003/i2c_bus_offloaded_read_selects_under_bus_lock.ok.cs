// The I2C bus with its selected-address cache, made right: select and transfer happen under one bus lock, so a second
// worker waits until the first sensor's read is done before it changes the selected address.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.SharedState.I2cBusSelectUnderLock;

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
    private readonly object _bus = new();
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
            _selected = address;
        }

        return rc;
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int ReadRegister(int address, byte register)
    {
        lock (_bus)
        {
            int rc = Select(address);
            return rc < 0 ? rc : Native.ReadByteData(busFd, register);
        }
    }
}
