using System;
using System.Runtime.InteropServices;

namespace Round10.Errno.PtyWinsize;

[StructLayout(LayoutKind.Sequential)]
internal struct WinSize
{
    public ushort Rows;
    public ushort Columns;
    public ushort XPixels;
    public ushort YPixels;
}

/// <summary>A terminal tool asks the pty for its size on SIGWINCH; every ioctl goes through a tracing check.</summary>
internal static class Terminal
{
    private const nuint TIOCGWINSZ = 0x5413;
    private const nuint TIOCSWINSZ = 0x5414;

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int ioctl(int fd, nuint request, WinSize* size);

    /// <summary>Traces the call, then turns a failure into -errno.</summary>
    private static readonly Func<int, string, int> Checked = (rc, what) =>
    {
        Console.Error.WriteLine($"pty: {what} returned {rc}");   // a write(2) to stderr ran after the ioctl
        return rc < 0 ? -/*~ASYS1001*/Marshal.GetLastPInvokeError() : rc;
    };

    public static unsafe int GetSize(int ptyFd, out WinSize size)
    {
        WinSize current = default;
        int rc = Checked(ioctl(ptyFd, TIOCGWINSZ, &current), "TIOCGWINSZ");
        size = current;
        return rc;
    }

    public static unsafe int Resize(int ptyFd, ushort rows, ushort columns)
    {
        WinSize wanted = new() { Rows = rows, Columns = columns };
        return Checked(ioctl(ptyFd, TIOCSWINSZ, &wanted), "TIOCSWINSZ");
    }
}
