// The serial configurator serialises port setup with a SemaphoreSlim and reads errno after the finally that releases
// it. SemaphoreSlim.Release only signals (its async waiters resume later, queued) and makes no P/Invoke: the saved
// errno is still tcsetattr's.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Errno.SerialTcsetattrAfterRelease;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct Termios
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
    public const int TCSADRAIN = 1;

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int tcsetattr(int fd, int optionalActions, ref Termios termios);
}

public sealed class SharedSerialPort(int fd)
{
    private readonly SemaphoreSlim _setup = new(1, 1);

    public async Task ApplyAsync(Termios settings, CancellationToken ct)
    {
        await _setup.WaitAsync(ct);
        int rc;
        try
        {
            rc = Native.tcsetattr(fd, Native.TCSADRAIN, ref settings);
        }
        finally
        {
            _setup.Release();
        }

        if (rc < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "tcsetattr");
        }
    }
}
