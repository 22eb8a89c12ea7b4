// A terminal widget sets the pty's window size through the generated variant of an ioctl wrapper (it runs on an AsyncSys
// worker) and returns the ValueTask to the caller, passing the address of a local winsize. The method's frame is gone
// when the worker makes the ioctl: the kernel copies whatever the stack holds by then as rows and columns, and the shell
// wraps its lines at a width the user never set.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.SetSizeLocalWinsize;

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows, Columns, XPixels, YPixels;
}

internal static partial class PtyControl
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public sealed class TerminalWidget(int masterFd)
{
    public unsafe ValueTask<int> SetSizeAsync(int rows, int columns, CancellationToken ct)
    {
        Winsize size = new() { Rows = (ushort)rows, Columns = (ushort)columns };
        return PtyControl.IoctlAsync(masterFd, PtyControl.TIOCSWINSZ, /*~ASYS1004*/(nint)(&size), ct);
    }
}
