// An AT-command modem driver starts the write of a command to /dev/ttyUSB2 and immediately reads .Result to log how many
// bytes went out. On a ValueTask that has not completed (the UART's output queue is full) .Result is not a wait: it
// throws or returns garbage, and the source is consumed before anyone awaits the write.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.ModemWriteResult;

internal static unsafe partial class Tty
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [AsyncSyscall]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public sealed class Modem(int ttyFd)
{
    public int SendCommand(string command, CancellationToken ct)
    {
        byte[] line = Encoding.ASCII.GetBytes(command + "\r");
        ValueTask<nint> write = Tty.WriteAsync(ttyFd, line, ct);
        nint sent = /*~ASYS1006*/write.Result;
        Console.WriteLine($"sent {sent} bytes of {command}");
        return (int)sent;
    }
}
