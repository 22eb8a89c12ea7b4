// The busy-poll loop of a feed handler, written right: the saved error of the failed recv is taken into a local before
// sched_yield (a P/Invoke with SetLastError) runs, so the EAGAIN test sees recv's error.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round15.Errno.BusyPollErrnoKept;

internal static class Native
{
    internal const int EAGAIN = 11;
    internal const int MSG_DONTWAIT = 0x40;

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern unsafe nint Recv(int fd, byte* buffer, nuint length, int flags);

    [DllImport("libc", EntryPoint = "sched_yield", SetLastError = true)]
    internal static extern int SchedYield();
}

public sealed class FeedPoller(int socketFd, Action<ReadOnlyMemory<byte>> onPacket)
{
    private readonly byte[] _packet = new byte[2048];

    public unsafe void Run(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            nint n;
            fixed (byte* p = _packet)
            {
                n = Native.Recv(socketFd, p, (nuint)_packet.Length, Native.MSG_DONTWAIT);
            }

            if (n >= 0)
            {
                onPacket(_packet.AsMemory(0, (int)n));
                continue;
            }

            int error = Marshal.GetLastPInvokeError();
            Native.SchedYield();
            if (error != Native.EAGAIN)
            {
                throw new InvalidOperationException("feed socket failed: errno " + error);
            }
        }
    }
}
