// A terminal emulator forwards a window resize to the pty master with ioctl(TIOCSWINSZ). When the ioctl fails it first
// writes a line to stderr and then reads errno to tell ENOTTY (the master was already closed and the fd reused) from
// the rest. The console write P/Invokes write(2) itself, so the saved error is the console's (usually 0), and a dead
// session is resized again and again instead of being torn down.
using System;
using System.Runtime.InteropServices;

namespace Round29.Errno.PtyResizeAfterLog;

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows;
    public ushort Columns;
    public ushort XPixels;
    public ushort YPixels;
}

internal static class Native
{
    internal const ulong TIOCSWINSZ = 0x5414;
    internal const int ENOTTY = 25;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlSetWindowSize(int fd, ulong request, ref Winsize size);
}

public sealed class TerminalView(int masterFd)
{
    public bool Closed { get; private set; }

    public void OnResized(int rows, int columns)
    {
        var size = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
        int rc = Native.IoctlSetWindowSize(masterFd, Native.TIOCSWINSZ, ref size);
        if (rc < 0)
        {
            Console.Error.WriteLine($"resize to {columns}x{rows} failed");
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.ENOTTY)
            {
                Closed = true;
            }
        }
    }
}
