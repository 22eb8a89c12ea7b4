// The same pty session made right: the ioctl and the store of the size it set happen under one lock, so the remembered
// size is always one the terminal was given, whichever worker runs which resize.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.SharedState.PtySessionResizeLocked;

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows, Columns, XPixels, YPixels;
}

public sealed partial class PtySession(int masterFd)
{
    private const ulong TIOCSWINSZ = 0x5414;
    private readonly object _sizeGate = new();
    private int _rows = 24;
    private int _columns = 80;

    public (int Rows, int Columns) Size
    {
        get
        {
            lock (_sizeGate)
            {
                return (_rows, _columns);
            }
        }
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoctlSetWindowSize(int fd, ulong request, ref Winsize size);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Resize(int rows, int columns)
    {
        var size = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
        lock (_sizeGate)
        {
            int rc = IoctlSetWindowSize(masterFd, TIOCSWINSZ, ref size);
            if (rc == 0)
            {
                (_rows, _columns) = (rows, columns);
            }

            return rc;
        }
    }
}
