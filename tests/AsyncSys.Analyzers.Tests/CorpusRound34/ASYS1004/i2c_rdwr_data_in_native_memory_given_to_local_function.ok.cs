// The I2C EEPROM page writer made right: the i2c_rdwr_ioctl_data lives in native memory beside the message and the page,
// all owned by the device object, so the worker's ioctl reads memory that outlives this call.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.I2cRdwrNative;

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

internal static unsafe partial class I2c
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class At24Eeprom(int busFd, ushort address)
{
    private const nuint I2C_RDWR = 0x0707;
    private readonly I2cMsg* _message = (I2cMsg*)NativeMemory.AllocZeroed((nuint)sizeof(I2cMsg));
    private readonly I2cRdwrData* _data = (I2cRdwrData*)NativeMemory.AllocZeroed((nuint)sizeof(I2cRdwrData));
    private readonly byte* _page = (byte*)NativeMemory.AllocZeroed(34);

    public ValueTask<int> WritePageAsync(ushort offset, byte* bytes, int count, CancellationToken ct)
    {
        _page[0] = (byte)(offset >> 8);
        _page[1] = (byte)offset;
        NativeMemory.Copy(bytes, _page + 2, (nuint)count);
        *_message = new I2cMsg { Address = address, Flags = 0, Length = (ushort)(count + 2), Buffer = _page };
        _data->Messages = _message;
        _data->Count = 1;
        return Transfer(_data);

        ValueTask<int> Transfer(I2cRdwrData* request) => I2c.IoctlAsync(busFd, I2C_RDWR, (nint)request, ct);
    }
}
