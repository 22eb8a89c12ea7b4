// An SPI LED-strip driver keeps its spi_ioc_transfer in native memory, but points its tx_buf at the caller's frame array
// inside a `fixed` block and starts the transfer after the block. The array is no longer pinned when the worker runs the
// ioctl: a GC compaction moves it and the strip is sent whatever now lies at the old address.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiTxFixedIntoNative;

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

public sealed unsafe class Ws2812Strip(int spiFd)
{
    private const nuint SPI_IOC_MESSAGE_1 = 0x40206B00;
    private readonly SpiIocTransfer* _transfer = (SpiIocTransfer*)NativeMemory.AllocZeroed((nuint)sizeof(SpiIocTransfer));

    public ValueTask<int> ShowAsync(byte[] encodedFrame, CancellationToken ct)
    {
        fixed (byte* tx = encodedFrame)
        {
            _transfer->TxBuf = (ulong)tx;
        }

        _transfer->RxBuf = 0;
        _transfer->Length = (uint)encodedFrame.Length;
        _transfer->SpeedHz = 2_400_000;
        _transfer->BitsPerWord = 8;
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_1, /*~ASYS1004*/(nint)_transfer, ct);
    }
}
