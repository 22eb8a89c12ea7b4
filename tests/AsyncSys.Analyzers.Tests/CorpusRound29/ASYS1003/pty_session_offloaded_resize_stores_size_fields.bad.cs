// A pty session resizes its terminal with an offloaded instance wrapper and remembers the size it set, for the next
// SIGWINCH comparison and for scrollback reflow. A window dragged quickly sends resizes that run on two workers at once:
// the rows of one and the columns of the other are stored, and the session reflows to a size the terminal never had.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.SharedState.PtySessionResizeFields;

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows, Columns, XPixels, YPixels;
}

public sealed partial class PtySession(int masterFd)
{
    private const ulong TIOCSWINSZ = 0x5414;
    private int _rows = 24;
    private int _columns = 80;

    public (int Rows, int Columns) Size => (_rows, _columns);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoctlSetWindowSize(int fd, ulong request, ref Winsize size);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Resize(int rows, int columns)
    {
        var size = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
        int rc = IoctlSetWindowSize(masterFd, TIOCSWINSZ, ref size);
        if (rc == 0)
        {
            (/*~ASYS1003*/_rows, /*~ASYS1003*/_columns) = (rows, columns);
        }

        return rc;
    }
}
