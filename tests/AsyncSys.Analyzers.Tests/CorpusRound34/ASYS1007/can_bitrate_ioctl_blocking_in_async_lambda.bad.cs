// A CAN gateway's reconnect handler is an async lambda: it waits a back-off, then reads the interface index of can0
// with the SIOCGIFINDEX ioctl through its [AsyncSyscall] wrapper, called blocking. The variant exists; the lambda holds a
// pool thread for the ioctl while dozens of reconnect handlers run at once after a bus-off.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.Blocking.CanIfIndexInLambda;

internal static partial class Sock
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed class CanGateway(int controlSocket, nint ifreq)
{
    private const nuint SIOCGIFINDEX = 0x8933;

    public Func<CancellationToken, Task<int>> MakeReconnect(TimeSpan backoff) => async ct =>
    {
        await Task.Delay(backoff, ct);
        return /*~ASYS1007*/Sock.Ioctl(controlSocket, SIOCGIFINDEX, ifreq);
    };
}
