// A variant of the SPI flash status poll: SPI_IOC_MESSAGE(2) with the command in native memory, but the one-byte status
// answer received into a stackalloc'd byte through the *second* transfer's rx_buf, and the ioctl's task returned. The
// kernel reads every transfer up to the count, so the worker's ioctl writes the status into this popped frame: it
// corrupts whatever the caller's stack holds there by then.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiSecondTransferStackRx;

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

public sealed unsafe class SpiFlashStatus(int spiFd)
{
    private const nuint SPI_IOC_MESSAGE_2 = 0x40406B00;
    private readonly SpiIocTransfer* _transfers = (SpiIocTransfer*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(SpiIocTransfer)));
    private readonly byte* _command = (byte*)NativeMemory.AllocZeroed(1);

    public ValueTask<int> PollStatusAsync(CancellationToken ct)
    {
        byte* status = stackalloc byte[1];
        _command[0] = 0x05;
        _transfers[0].TxBuf = (ulong)_command;
        _transfers[0].Length = 1;
        _transfers[1].RxBuf = (ulong)status;
        _transfers[1].Length = 1;
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_2, /*~ASYS1004*/(nint)_transfers, ct);
    }
}
