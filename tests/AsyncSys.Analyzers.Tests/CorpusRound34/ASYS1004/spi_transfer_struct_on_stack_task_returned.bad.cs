// An SPI ADC driver builds its spi_ioc_transfer (tx/rx pointers into native buffers it owns) as a local struct and
// returns the variant of its ioctl wrapper, which runs SPI_IOC_MESSAGE(1) on a worker later. By then this frame is
// gone: the worker's ioctl reads a transfer descriptor from a reused stack slot (a wrong length or a wild rx pointer).
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiTransferOnStack;

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

public sealed unsafe class Mcp3008(int spiFd)
{
    private const nuint SPI_IOC_MESSAGE_1 = 0x40206B00;
    private readonly byte* _tx = (byte*)NativeMemory.AllocZeroed(3);
    private readonly byte* _rx = (byte*)NativeMemory.AllocZeroed(3);

    public ValueTask<int> StartConversion(int channel, CancellationToken ct)
    {
        _tx[0] = 1;
        _tx[1] = (byte)((8 + channel) << 4);
        _tx[2] = 0;
        SpiIocTransfer transfer = new()
        {
            TxBuf = (ulong)_tx,
            RxBuf = (ulong)_rx,
            Length = 3,
            SpeedHz = 1_350_000,
            BitsPerWord = 8,
        };
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_1, /*~ASYS1004*/(nint)(&transfer), ct);
    }

    public int Result => ((_rx[1] & 3) << 8) | _rx[2];
}
