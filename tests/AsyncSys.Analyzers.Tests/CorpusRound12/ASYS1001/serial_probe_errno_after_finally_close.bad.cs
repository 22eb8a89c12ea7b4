// A serial-port probe opens a tty, switches it to raw mode at the asked speed with tcsetattr and closes the tty in a
// finally; errno is read after the finally, so it is close's (0 after a clean close), not tcsetattr's EINVAL for a
// speed the UART does not support: the probe then reports "supported" for every speed.
using System.Runtime.InteropServices;

namespace Round12.Errno.SerialProbeFinally;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct Termios
{
    public uint InputFlags, OutputFlags, ControlFlags, LocalFlags;
    public byte LineDiscipline;
    public fixed byte ControlChars[32];
    public uint InputSpeed, OutputSpeed;
}

public static unsafe partial class Tty
{
    public const int O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, TCSANOW = 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, Termios* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int optionalActions, Termios* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(Termios* termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static partial int SetSpeed(Termios* termios, uint speed);
}

public static unsafe class BaudProbe
{
    /// <summary>0 when the port accepts <paramref name="speed"/>, else -errno.</summary>
    public static int TrySpeed(string device, uint speed)
    {
        int fd = Tty.Open(device, Tty.O_RDWR | Tty.O_NOCTTY | Tty.O_NONBLOCK);
        if (fd < 0) return -Marshal.GetLastPInvokeError();

        int rc;
        try
        {
            Termios settings = default;
            if (Tty.GetAttributes(fd, &settings) < 0) return -Marshal.GetLastPInvokeError();
            Tty.MakeRaw(&settings);
            _ = Tty.SetSpeed(&settings, speed);
            rc = Tty.SetAttributes(fd, Tty.TCSANOW, &settings);
        }
        finally
        {
            Tty.Close(fd);
        }

        return rc < 0 ? -/*~ASYS1001*/Marshal.GetLastPInvokeError() : 0;
    }
}
