// A terminal multiplexer keeps the pane being drawn in a [ThreadStatic] field (set by the render loop on its thread) and
// its resize wrapper, offloaded to an AsyncSys worker because ioctl has no ring opcode, picks the pty through a helper
// property that reads that field. On the worker the field is the worker's (null, or another render loop's pane): the
// resize goes to the wrong pane or throws.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round29.PerThread.OffloadedResizeThreadStaticPane;

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
    public static int ResizeDrawnPane(int rows, int columns)
    {
        var size = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
        return IoctlSetWindowSize(/*~ASYS1002*/Drawing.MasterFd, TIOCSWINSZ, ref size);
    }
}
