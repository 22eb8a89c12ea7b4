// A serial port opener reads the line settings of /dev/ttyS1 with tcgetattr. When that fails it writes a debug line to
// stderr before reading errno to tell "not a tty" (ENOTTY) from a vanished USB adapter (EIO). The write to stderr is a
// P/Invoke that sets errno itself, so the message names the wrong cause.
using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round34.Errno.SerialTcgetattrAfterLog;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct Termios
{
    public uint InputFlags, OutputFlags, ControlFlags, LocalFlags;
    public byte Line;
    public fixed byte ControlChars[32];
    public uint InputSpeed, OutputSpeed;
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static extern int TcGetAttr(int fd, Termios* termios);
}

public static unsafe class SerialOpener
{
    private const int O_RDWR = 2, O_NOCTTY = 0x100, ENOTTY = 25;

    public static int Open(string device, out Termios settings)
    {
        int fd = Native.Open(device, O_RDWR | O_NOCTTY);
        if (fd < 0)
        {
            throw new IOException($"cannot open {device}: errno {Marshal.GetLastPInvokeError()}");
        }

        Termios current;
        if (Native.TcGetAttr(fd, &current) < 0)
        {
            Console.Error.WriteLine($"tcgetattr on {device} failed");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            throw new IOException(errno == ENOTTY ? device + " is not a serial port" : device + " went away, errno " + errno);
        }

        settings = current;
        return fd;
    }
}
