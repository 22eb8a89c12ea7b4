// A serial line class declares its "apply settings" instance wrapper with MethodName = "ApplyNowAsync" for its variant.
// The async reconnect path calls the blocking wrapper anyway: tcsetattr with TCSADRAIN waits for the output queue to
// drain, holding a pool thread while the modem is slow.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.SerialApplyMethodName;

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
    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static extern int TcSetAttr(int fd, int optionalActions, Termios* termios);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    internal static extern void CfMakeRaw(Termios* termios);
}

public sealed partial class SerialLine(int ttyFd)
{
    private const int TCSADRAIN = 1;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno, MethodName = "ApplyNowAsync")]
    public unsafe int ApplyRaw()
    {
        Termios settings = default;
        Native.CfMakeRaw(&settings);
        return Native.TcSetAttr(ttyFd, TCSADRAIN, &settings);
    }

    public async Task ReconnectAsync(IoRing ring, CancellationToken ct)
    {
        await ring.DelayAsync(System.TimeSpan.FromSeconds(1), ct);
        /*~ASYS1007*/ApplyRaw();
    }
}
