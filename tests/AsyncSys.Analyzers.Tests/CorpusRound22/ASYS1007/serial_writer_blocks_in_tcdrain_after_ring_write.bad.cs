// A Modbus-RTU master on an RS-485 serial port writes a request with the ring, then must wait until the UART has
// shifted out the last byte before it turns the transceiver around. It calls the blocking tcdrain wrapper from its
// async request method: at 9600 baud that holds a thread-pool thread for tens of milliseconds per request, and with a
// dozen ports polled at once the pool starves and the tick scheduler misses its deadlines.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.SerialTcdrainInAsync;

public static partial class Serial
{
    [DllImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    private static extern int tcdrain_native(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Drain(int fd) => tcdrain_native(fd);
}

public sealed class ModbusMaster(IoRing ring, int portFd)
{
    public async Task<int> RequestAsync(ReadOnlyMemory<byte> frame, Memory<byte> reply, CancellationToken ct)
    {
        await ring.WriteAsync(portFd, frame, ct);
        if (/*~ASYS1007*/Serial.Drain(portFd) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "tcdrain");
        }

        return await ring.ReadAsync(portFd, reply, ct);
    }
}
