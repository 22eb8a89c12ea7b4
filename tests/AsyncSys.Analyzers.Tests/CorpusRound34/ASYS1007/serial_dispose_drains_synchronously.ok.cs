// The RS-485 driver's send awaits the drain wrapper's variant; its synchronous Dispose drains with the blocking wrapper,
// which is the caller's choice there.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.Rs485DrainAwaited;

internal static class Native
{
    [DllImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    internal static extern int TcDrain(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static partial class Uart
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Drain(int ttyFd) => Native.TcDrain(ttyFd);
}

public sealed class Rs485Port(IoRing ring, int ttyFd) : IDisposable
{
    public async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        await ring.WriteAsync(ttyFd, frame, -1, ct);
        await Uart.DrainAsync(ring, ttyFd, ct);
    }

    public void Dispose()
    {
        Uart.Drain(ttyFd);
        Native.Close(ttyFd);
    }
}
