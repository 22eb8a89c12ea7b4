// The AT-command modem driver made right: it takes the result synchronously only when the write has already completed,
// and awaits it otherwise.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.ModemWriteResultChecked;

internal static unsafe partial class Tty
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [AsyncSyscall]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public sealed class Modem(int ttyFd)
{
    public async ValueTask<int> SendCommandAsync(string command, CancellationToken ct)
    {
        byte[] line = Encoding.ASCII.GetBytes(command + "\r");
        ValueTask<nint> write = Tty.WriteAsync(ttyFd, line, ct);
        nint sent = write.IsCompletedSuccessfully ? write.Result : await write;
        Console.WriteLine($"sent {sent} bytes of {command}");
        return (int)sent;
    }
}
