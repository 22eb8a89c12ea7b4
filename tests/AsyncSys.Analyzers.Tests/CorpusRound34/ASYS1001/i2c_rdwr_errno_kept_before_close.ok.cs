// An I2C temperature sensor reader does a combined write-register/read-value transfer with I2C_RDWR. On failure it
// keeps errno in a local right after the ioctl, closes the bus descriptor, and throws with the kept value.
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.I2cRdwrKeptBeforeClose;

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

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static unsafe class Tmp102
{
    private const nuint I2C_RDWR = 0x0707;
    private const ushort I2C_M_RD = 1;

    public static short ReadRaw(int busFd, ushort address)
    {
        byte register = 0;
        byte* value = stackalloc byte[2];
        I2cMsg* messages = stackalloc I2cMsg[2];
        messages[0] = new I2cMsg { Address = address, Flags = 0, Length = 1, Buffer = &register };
        messages[1] = new I2cMsg { Address = address, Flags = I2C_M_RD, Length = 2, Buffer = value };
        I2cRdwrData data = new() { Messages = messages, Count = 2 };

        if (Native.Ioctl(busFd, I2C_RDWR, &data) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Native.Close(busFd);
            throw new IOException($"I2C transfer to 0x{address:X2} failed, errno {errno}");
        }

        return (short)((value[0] << 4) | (value[1] >> 4));
    }
}
