// A console automation tool writes a command to a terminal (a pty or a serial console) through the ring and then waits
// until the bytes have been transmitted with the blocking tcdrain wrapper, inside its async method. tcdrain waits for
// the line discipline to drain; on a 9600-baud console or a stopped (^S) terminal that is seconds to forever on a
// thread-pool thread, while TcDrainAsync exists beside the wrapper.
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.SerialConsoleTcdrain;

internal static partial class Tty
{
    [DllImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int TcDrain(int fd);
}

public sealed class ConsoleDriver(IoRing ring, int ttyFd)
{
    public async Task SendCommandAsync(string command, CancellationToken ct)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(command + "\r");
        await ring.WriteAsync(ttyFd, bytes, ct);
        if (/*~ASYS1007*/Tty.TcDrain(ttyFd) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcdrain");
        }
    }
}
