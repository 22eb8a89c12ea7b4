// The same multiplexer's resize wrapper, made right: the caller reads the pane being drawn on its own thread and passes
// the master fd; the offloaded wrapper reads no per-thread state. A [ThreadStatic] helper still exists in the type.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.PerThread.OffloadedResizeTakesFd;

public sealed class Pane(int masterFd)
{
    public int MasterFd { get; } = masterFd;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows, Columns, XPixels, YPixels;
}

public static partial class PaneResizer
{
    private const ulong TIOCSWINSZ = 0x5414;

    [System.ThreadStatic]
    private static Pane? t_drawing;

    internal static Pane Drawing => t_drawing ?? throw new System.InvalidOperationException("no pane is being drawn");

    public static void BeginDraw(Pane pane) => t_drawing = pane;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoctlSetWindowSize(int fd, ulong request, ref Winsize size);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ResizePane(int masterFd, int rows, int columns)
    {
        var size = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
        return IoctlSetWindowSize(masterFd, TIOCSWINSZ, ref size);
    }

    public static System.Threading.Tasks.ValueTask<int> ResizeDrawnPaneAsync(int rows, int columns) =>
        ResizePaneAsync(Drawing.MasterFd, rows, columns);
}
