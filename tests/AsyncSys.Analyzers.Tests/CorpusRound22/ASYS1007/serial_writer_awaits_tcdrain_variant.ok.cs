// The Modbus master, made right: it awaits the generated DrainAsync, which runs tcdrain on an AsyncSys worker (and
// reads errno there) while the caller's thread goes back to the pool.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.SerialTcdrainAwaited;

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
        await Serial.DrainAsync(ring, portFd, ct);
        return await ring.ReadAsync(portFd, reply, ct);
    }
}
