// A Modbus RTU master writes a request to the serial port and waits for the reply with a timeout. When the reply times
// out it awaits the generated tcflush variant in the catch to discard the buffered half-frame before failing.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Blocking.ModbusFlushAwaited;

public static unsafe partial class Serial
{
    public const int TCIOFLUSH = 2;

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public static partial int Flush(int fd, int queueSelector);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}

public sealed class ModbusRtuMaster(IoRing ring, int fd)
{
    public async Task<int> TransactAsync(ReadOnlyMemory<byte> request, Memory<byte> reply, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await ring.WriteAsync(fd, request, deadline.Token);
            return (int)await Serial.ReadAsync(fd, reply, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Serial.FlushAsync(fd, Serial.TCIOFLUSH, CancellationToken.None);
            throw new TimeoutException($"no Modbus reply within {timeout.TotalMilliseconds} ms");
        }
    }
}
