// A market-data feed handler busy-polls a non-blocking multicast socket on its pinned thread. recv returns -1 with
// EAGAIN while the NIC has nothing, and the loop gives the core back with sched_yield before telling "nothing yet" from a
// real failure. sched_yield is declared with SetLastError, so its success overwrites the saved error with 0: the EAGAIN
// test never matches, every empty poll looks like a socket error, and the handler tears the feed down mid-session.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round15.Errno.BusyPollSchedYield;

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

            Native.SchedYield();
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.EAGAIN)
            {
                throw new InvalidOperationException("feed socket failed");
            }
        }
    }
}
