// The CAN gateway's reconnect handler awaits the ioctl wrapper's variant; it also flushes the control socket's stale
// state with a plain P/Invoke that has no [AsyncSyscall] variant to offer.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.CanIfIndexAwaited;

internal static partial class Sock
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);

    [DllImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    internal static extern int Shutdown(int fd, int how);
}

public sealed class CanGateway(int controlSocket, int dataSocket, nint ifreq)
{
    private const nuint SIOCGIFINDEX = 0x8933;

    public Func<CancellationToken, Task<int>> MakeReconnect(TimeSpan backoff) => async ct =>
    {
        await Task.Delay(backoff, ct);
        Sock.Shutdown(dataSocket, 2);
        return await Sock.IoctlAsync(controlSocket, SIOCGIFINDEX, ifreq, ct);
    };
}
