// A serial port class configures the line (tcgetattr, cfsetispeed/cfsetospeed, tcsetattr) in an instance wrapper run on
// a worker, and records the applied speed and a reconfiguration count in its fields. An autobauding modem driver calls
// the variant for several candidate speeds at once; the fields end up describing a speed that is not the one applied.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.SerialAppliedSpeed;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios
{
    public uint InputFlags, OutputFlags, ControlFlags, LocalFlags;
    public byte Line;
    public fixed byte ControlChars[32];
    public uint InputSpeed, OutputSpeed;
}

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static extern int TcGetAttr(int fd, Termios* termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static extern int TcSetAttr(int fd, int optionalActions, Termios* termios);

    [DllImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    internal static extern int CfSetISpeed(Termios* termios, uint speed);

    [DllImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    internal static extern int CfSetOSpeed(Termios* termios, uint speed);
}

public sealed unsafe partial class SerialLine(int ttyFd)
{
    private const int TCSANOW = 0;
    private uint _appliedSpeed;
    private int _reconfigurations;

    public uint AppliedSpeed => _appliedSpeed;
    public int Reconfigurations => _reconfigurations;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int SetSpeed(uint speedCode)
    {
        Termios settings;
        if (Native.TcGetAttr(ttyFd, &settings) < 0) return -1;
        Native.CfSetISpeed(&settings, speedCode);
        Native.CfSetOSpeed(&settings, speedCode);
        int rc = Native.TcSetAttr(ttyFd, TCSANOW, &settings);
        if (rc == 0)
        {
            /*~ASYS1003*/_appliedSpeed = speedCode;
            /*~ASYS1003*/_reconfigurations++;
        }

        return rc;
    }
}
