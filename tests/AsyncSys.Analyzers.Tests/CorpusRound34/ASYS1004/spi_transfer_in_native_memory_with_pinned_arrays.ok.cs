// The SPI LED-strip driver made right: the spi_ioc_transfer lives in native memory and tx_buf points into an array from
// the pinned object heap held by a readonly field, so neither moves or dies while the worker runs the ioctl.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SpiTransferPinned;

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

public sealed unsafe class Ws2812Strip(int spiFd, int maxFrameBytes)
{
    private const nuint SPI_IOC_MESSAGE_1 = 0x40206B00;
    private readonly SpiIocTransfer* _transfer = (SpiIocTransfer*)NativeMemory.AllocZeroed((nuint)sizeof(SpiIocTransfer));
    private readonly byte[] _tx = GC.AllocateArray<byte>(maxFrameBytes, pinned: true);

    public ValueTask<int> ShowAsync(ReadOnlySpan<byte> encodedFrame, CancellationToken ct)
    {
        encodedFrame.CopyTo(_tx);
        fixed (byte* tx = _tx)
        {
            _transfer->TxBuf = (ulong)tx;
        }

        _transfer->RxBuf = 0;
        _transfer->Length = (uint)encodedFrame.Length;
        _transfer->SpeedHz = 2_400_000;
        _transfer->BitsPerWord = 8;
        return Spi.IoctlAsync(spiFd, SPI_IOC_MESSAGE_1, (nint)_transfer, ct);
    }
}
