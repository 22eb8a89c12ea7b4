// A terminal widget handles its Resized event with an async lambda: it awaits the redraw of the scrollback, then tells
// the pty its new size with the blocking ioctl wrapper, whose generated IoctlAsync exists beside it: the continuation's
// thread (a pool thread, or the UI's) is held for the syscall the variant would run on a worker (CA1849's rule, the
// hazard ASYS1007 names).
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.ResizedHandlerIoctl;

internal static partial class PtyControl
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public sealed class TerminalWidget
{
    public event Action<int, int>? Resized;

    public void AttachPty(int masterFd, Func<Task> redrawScrollback)
    {
        nint size = Marshal.AllocHGlobal(8);
        Resized += async (rows, columns) =>
        {
            await redrawScrollback();
            Marshal.WriteInt16(size, 0, (short)rows);
            Marshal.WriteInt16(size, 2, (short)columns);
            /*~ASYS1007*/PtyControl.Ioctl(masterFd, PtyControl.TIOCSWINSZ, size);
        };
    }

    public void OnResized(int rows, int columns) => Resized?.Invoke(rows, columns);
}
