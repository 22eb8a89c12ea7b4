// An IoT gateway configures a serial port (termios via tcsetattr). When the driver refuses the baud rate it logs the
// failure to the gateway's log file and then throws with errno read through a small helper property. The log write
// is file I/O that P/Invokes with SetLastError: the exception reports the log's errno (often 0, "Success"), and the
// operator cannot tell EINVAL (bad baud) from EIO (adapter unplugged).
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round22.Errno.SerialTcsetattrHelperAfterLog;

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
    public const int TCSANOW = 0;

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int tcsetattr(int fd, int optionalActions, ref Termios termios);

    [DllImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static extern int cfsetspeed(ref Termios termios, uint speed);
}

public sealed class SerialPortConfigurator(TextWriter log)
{
    private static int Errno => Marshal.GetLastPInvokeError();

    public void Apply(int fd, uint speedCode)
    {
        Termios tio = default;
        tio.ControlFlags = 0x0800 | 0x0030 | 0x0080; // CLOCAL | CS8 | CREAD
        if (Native.cfsetspeed(ref tio, speedCode) < 0)
        {
            throw new ErrnoException(Errno, "cfsetspeed");
        }

        if (Native.tcsetattr(fd, Native.TCSANOW, ref tio) < 0)
        {
            log.WriteLine($"serial: tcsetattr on fd {fd} refused speed {speedCode}");
            log.Flush();
            throw new ErrnoException(/*~ASYS1001*/Errno, "tcsetattr");
        }
    }
}
