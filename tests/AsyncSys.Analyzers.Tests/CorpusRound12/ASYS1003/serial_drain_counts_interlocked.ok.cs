// A serial-port driver counts drains and failed drains in a static struct of counters. tcdrain runs on AsyncSys
// workers and several ports drain at once, so each count is an Interlocked increment of the shared field.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Shared.SerialDrainInterlocked;

public struct PortCounters
{
    public long Drains;
    public long Failures;
}

public static partial class SerialPort
{
    private static PortCounters s_counters;

    public static PortCounters Counters => s_counters;

    [LibraryImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    private static partial int TcDrain(int fd);

    /// <summary>Waits until everything written to <paramref name="fd"/> has left the UART.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Drain(int fd)
    {
        int rc = TcDrain(fd);
        if (rc < 0)
            Interlocked.Increment(ref s_counters.Failures);
        else
            Interlocked.Increment(ref s_counters.Drains);
        return rc;
    }
}

public sealed class Telegraph(int fd)
{
    public ValueTask<int> FlushAsync(CancellationToken cancellationToken) => SerialPort.DrainAsync(fd, cancellationToken);
}
