// The same offloaded serial configuration, which returns what it applied and leaves the caller (which awaits one
// candidate at a time per port) to record it.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.SerialAppliedSpeedReturned;

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

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int SetSpeed(uint speedCode)
    {
        Termios settings;
        if (Native.TcGetAttr(ttyFd, &settings) < 0) return -1;
        Native.CfSetISpeed(&settings, speedCode);
        Native.CfSetOSpeed(&settings, speedCode);
        return Native.TcSetAttr(ttyFd, TCSANOW, &settings);
    }
}
