// A serial-port driver counts drains and failed drains in a static struct of counters, written through a ref local
// that aliases the static field. tcdrain is outside the ring's table, so the wrapper runs on AsyncSys workers and
// several ports drain at once: the unsynchronized ++ on the shared struct loses counts.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.Shared.SerialDrainRefLocal;

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
        ref PortCounters counters = ref s_counters;
        int rc = TcDrain(fd);
        if (rc < 0)
            /*~ASYS1003*/counters.Failures++;
        else
            /*~ASYS1003*/counters.Drains++;
        return rc;
    }
}

public sealed class Telegraph(int fd)
{
    public ValueTask<int> FlushAsync(CancellationToken cancellationToken) => SerialPort.DrainAsync(fd, cancellationToken);
}
