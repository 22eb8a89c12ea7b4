// The SPI flash driver made right: the read command lives in native memory beside the transfers and the page buffer.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiTwoTransfersNativeCommand;

[StructLayout(LayoutKind.Sequential)]
internal struct SpiIocTransfer
{
    public ulong TxBuf;
    public ulong RxBuf;
    public uint Length;
    public uint SpeedHz;
    public ushort DelayUsecs;
    public byte BitsPerWord;
    public byte CsChange;
    public uint Pad;
}

internal static unsafe partial class Spi
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class SpiFlash(int spiFd)
{
    private const nuint SPI_IOC_MESSAGE_2 = 0x40406B00;
    private readonly SpiIocTransfer* _transfers = (SpiIocTransfer*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(SpiIocTransfer)));
    private readonly byte* _command = (byte*)NativeMemory.AllocZeroed(4);
    private readonly byte* _page = (byte*)NativeMemory.AllocZeroed(256);

    public ValueTask<int> ReadPageAsync(uint address, CancellationToken ct)
    {
        _command[0] = 0x03;
        _command[1] = (byte)(address >> 16);
        _command[2] = (byte)(address >> 8);
        _command[3] = (byte)address;
        _transfers->TxBuf = (ulong)_command;
        _transfers->Length = 4;
        _transfers[1].RxBuf = (ulong)_page;
        _transfers[1].Length = 256;
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_2, (nint)_transfers, ct);
    }
}
