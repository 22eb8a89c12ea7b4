// An SPI flash driver sends a command and reads the answer with SPI_IOC_MESSAGE(2): an array of two spi_ioc_transfer
// structs in native memory. The 4-byte read command is stackalloc'd and stored into the first transfer's tx_buf, and the
// driver returns the ioctl's task. The worker's ioctl reads both transfers, and the command bytes come from a stack
// slot that has been reused: the flash gets a random opcode (a random erase, in the worst case).
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiTwoTransfersStackCommand;

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
    private readonly byte* _page = (byte*)NativeMemory.AllocZeroed(256);

    public ValueTask<int> ReadPageAsync(uint address, CancellationToken ct)
    {
        byte* command = stackalloc byte[4];
        command[0] = 0x03;
        command[1] = (byte)(address >> 16);
        command[2] = (byte)(address >> 8);
        command[3] = (byte)address;
        _transfers->TxBuf = (ulong)command;
        _transfers->Length = 4;
        _transfers[1].RxBuf = (ulong)_page;
        _transfers[1].Length = 256;
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_2, /*~ASYS1004*/(nint)_transfers, ct);
    }
}
