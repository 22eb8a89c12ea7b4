// The same I2C register read, with the slave address passed in by the caller: the worker that runs it needs nothing of
// the caller's thread.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.ThreadState.I2cAddressParameter;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cMsg
{
    public ushort Address;
    public ushort Flags;
    public ushort Length;
    public byte* Buffer;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct I2cRdwrData
{
    public I2cMsg* Messages;
    public uint Count;
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public static unsafe partial class I2cRegisters
{
    private const nuint I2C_RDWR = 0x0707;
    private const ushort I2C_M_RD = 1;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadRegister(int busFd, ushort address, byte register, byte[] value)
    {
        fixed (byte* into = value)
        {
            I2cMsg* messages = stackalloc I2cMsg[2];
            messages[0] = new I2cMsg { Address = address, Length = 1, Buffer = &register };
            messages[1] = new I2cMsg { Address = address, Flags = I2C_M_RD, Length = (ushort)value.Length, Buffer = into };
            I2cRdwrData data = new() { Messages = messages, Count = 2 };
            return Native.Ioctl(busFd, I2C_RDWR, &data);
        }
    }
}
