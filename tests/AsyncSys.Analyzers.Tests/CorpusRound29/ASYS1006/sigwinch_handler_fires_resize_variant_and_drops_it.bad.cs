// A terminal multiplexer registers a SIGWINCH handler with PosixSignalRegistration and, in it, forwards the outer
// terminal's new size to the inner pty through the generated (offloaded) ioctl variant. The handler is an
// Action<PosixSignalContext>: the variant's ValueTask is dropped, a failed resize (EBADF after the pane closed, ENOTTY)
// is never seen, and nothing orders two quick resizes.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.Observed.SigwinchDropsResize;

internal static partial class PtyControl
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public sealed class ResizeForwarder : IDisposable
{
    private readonly PosixSignalRegistration _registration;
    private readonly nint _size = Marshal.AllocHGlobal(8);

    public ResizeForwarder(int innerMasterFd, Func<(ushort Rows, ushort Columns)> outerSize)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            (ushort rows, ushort columns) = outerSize();
            Marshal.WriteInt16(_size, 0, (short)rows);
            Marshal.WriteInt16(_size, 2, (short)columns);
            /*~ASYS1006*/PtyControl.IoctlAsync(innerMasterFd, PtyControl.TIOCSWINSZ, _size);
        });
    }

    public void Dispose()
    {
        _registration.Dispose();
        Marshal.FreeHGlobal(_size);
    }
}
