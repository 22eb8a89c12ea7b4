// An I2C helper prepares a transfer as a record struct (bus, request code, argument address) and starts the ioctl's
// variant from it. The argument is the address of a local i2c_rdwr_ioctl_data, carried through the record's property to
// the worker, which reads it after this frame has returned the task.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.I2cPreparedRecord;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cRdwrData
{
    public nint Messages;
    public uint Count;
}

internal readonly record struct PreparedIoctl(int Fd, nuint Request, nint Argument);

internal static unsafe partial class I2c
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class I2cTransport(int busFd, nint nativeMessages)
{
    private const nuint I2C_RDWR = 0x0707;

    public ValueTask<int> TransferAsync(uint count, CancellationToken ct)
    {
        I2cRdwrData data = new() { Messages = nativeMessages, Count = count };
        PreparedIoctl prepared = new(busFd, I2C_RDWR, (nint)(&data));
        return I2c.IoctlAsync(prepared.Fd, prepared.Request, /*~ASYS1004*/prepared.Argument, ct);
    }
}
