// The same console driver made right: it awaits the generated TcDrainAsync, which waits on an AsyncSys worker the token
// can interrupt; a synchronous Flush beside it still uses the blocking wrapper, which is the caller's choice there.
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.SerialConsoleTcdrainAsync;

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
        await Tty.TcDrainAsync(ring, ttyFd, ct);
    }

    public void Flush()
    {
        if (Tty.TcDrain(ttyFd) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcdrain");
        }
    }
}
