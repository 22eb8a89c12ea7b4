// A line editor session switches the terminal to raw mode and reads keys asynchronously; its synchronous Dispose puts
// the saved attributes back with the blocking tcsetattr wrapper (TCSANOW returns at once). Dispose is not async, so
// blocking there is the caller's choice; the async reader awaits only ring operations.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Blocking.RawModeSyncDispose;

internal static partial class Tty
{
    internal const int TCSANOW = 0;

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int TcSetAttr(int fd, int when, nint termios);
}

public sealed class RawModeSession(IoRing ring, int ttyFd, nint savedTermios) : IDisposable
{
    private readonly byte[] _keys = new byte[64];

    public async Task<string> ReadKeysAsync(CancellationToken ct)
    {
        int n = await ring.ReadAsync(ttyFd, _keys, ct);
        return System.Text.Encoding.UTF8.GetString(_keys, 0, Math.Max(n, 0));
    }

    public void Dispose()
    {
        Tty.TcSetAttr(ttyFd, Tty.TCSANOW, savedTermios);
        Marshal.FreeHGlobal(savedTermios);
    }
}
