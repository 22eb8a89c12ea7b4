// An I2C helper lets callers "select" a slave address per thread and then read a register. The register read is an
// [AsyncSyscall] wrapper with no ring opcode, so its variant runs on an AsyncSys worker: the worker's selected address
// is 0 (or another caller's), and the transfer goes to the wrong chip.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.ThreadState.I2cThreadStaticAddress;

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

    [System.ThreadStatic] private static ushort t_selectedAddress;

    public static void Select(ushort address) => t_selectedAddress = address;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadRegister(int busFd, byte register, byte[] value)
    {
        ushort address = /*~ASYS1002*/t_selectedAddress;
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
