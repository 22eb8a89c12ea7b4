// An RS-485 transceiver must switch from transmit to receive only after the last bit has left the UART, so the driver
// calls its tcdrain wrapper after the write. The wrapper blocks for the whole transmission (milliseconds at 9600 baud)
// inside an async method, holding a pool thread per port.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.Rs485Drain;

internal static class Native
{
    [DllImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    internal static extern int TcDrain(int fd);
}

public static partial class Uart
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Drain(int ttyFd) => Native.TcDrain(ttyFd);
}

public sealed class Rs485Port(IoRing ring, int ttyFd)
{
    public async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        await ring.WriteAsync(ttyFd, frame, -1, ct);
        /*~ASYS1007*/Uart.Drain(ttyFd);
    }
}
