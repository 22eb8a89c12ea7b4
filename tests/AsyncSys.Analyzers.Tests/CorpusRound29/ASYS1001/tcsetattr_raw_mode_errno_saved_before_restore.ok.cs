// A line editor puts the controlling terminal into raw mode with tcsetattr. If that fails it saves errno at once, then
// tries to put the original attributes back (another tcsetattr, which may overwrite errno) and writes a message; the
// exception carries the saved value, the raw-mode failure's own error.
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Round29.Errno.RawModeSavedBeforeRestore;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte Line;
    public fixed byte ControlChars[32];
    public uint InputSpeed;
    public uint OutputSpeed;
}

internal static class Native
{
    internal const int TCSANOW = 0, TCSAFLUSH = 2;
    internal const uint ICANON = 0x2, ECHO = 0x8, ISIG = 0x1;

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static extern int TcGetAttr(int fd, out Termios termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static extern int TcSetAttr(int fd, int when, in Termios termios);
}

public sealed class RawMode : IDisposable
{
    private readonly int _fd;
    private readonly Termios _original;

    public RawMode(int fd)
    {
        _fd = fd;
        if (Native.TcGetAttr(fd, out _original) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcgetattr");
        }

        Termios raw = _original;
        raw.LocalFlags &= ~(Native.ICANON | Native.ECHO | Native.ISIG);
        if (Native.TcSetAttr(fd, Native.TCSAFLUSH, in raw) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Native.TcSetAttr(fd, Native.TCSANOW, in _original);
            Console.Error.WriteLine("could not enter raw mode");
            throw new Win32Exception(errno, "tcsetattr");
        }
    }

    public void Dispose() => Native.TcSetAttr(_fd, Native.TCSANOW, in _original);
}
