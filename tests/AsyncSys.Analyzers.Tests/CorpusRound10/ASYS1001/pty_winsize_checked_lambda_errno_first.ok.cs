using System;
using System.Runtime.InteropServices;

namespace Round10.Errno.PtyWinsizeOk;

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

    /// <summary>Takes errno first (the ioctl was the last call), then traces, then turns a failure into -errno.</summary>
    private static readonly Func<int, string, int> Checked = (rc, what) =>
    {
        int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
        Console.Error.WriteLine($"pty: {what} returned {rc} (errno {errno})");
        return rc < 0 ? -errno : rc;
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
