// A terminal emulator answers the "report window size" query (CSI 18 t) for the program in the pty: it reads the size
// with a synchronous ioctl(TIOCGWINSZ) into a stackalloc'd winsize, formats the reply into a new array and returns the
// ring's write of that array. The stack memory is used only by the synchronous ioctl, before the method returns.
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.WindowSizeReportSync;

[StructLayout(LayoutKind.Sequential)]
internal struct Winsize
{
    public ushort Rows, Columns, XPixels, YPixels;
}

internal static unsafe class Native
{
    internal const ulong TIOCGWINSZ = 0x5413;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int IoctlGetWindowSize(int fd, ulong request, Winsize* size);
}

public sealed class SizeReporter(IoRing ring, int masterFd)
{
    public unsafe ValueTask ReplyWithSizeAsync(CancellationToken ct)
    {
        Winsize* size = stackalloc Winsize[1];
        if (Native.IoctlGetWindowSize(masterFd, Native.TIOCGWINSZ, size) < 0)
        {
            return ValueTask.CompletedTask;
        }

        byte[] reply = Encoding.ASCII.GetBytes($"\u001b[8;{size->Rows};{size->Columns}t");
        return ring.WriteAsync(masterFd, reply, ct);
    }
}
