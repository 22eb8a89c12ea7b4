// The multicast join, written right: errno of the failed setsockopt is kept before the socket is closed on the ring.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Errno.MulticastJoinKept;

internal static class Native
{
    internal const int IPPROTO_IP = 0;
    internal const int IP_ADD_MEMBERSHIP = 35;

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static extern int SetSockOpt(int fd, int level, int name, byte[] value, uint length);
}

public sealed class MulticastFeed(IoRing ring, string name)
{
    public async Task JoinAsync(int socketFd, byte[] membership, CancellationToken ct)
    {
        if (Native.SetSockOpt(socketFd, Native.IPPROTO_IP, Native.IP_ADD_MEMBERSHIP, membership, (uint)membership.Length) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            await ring.CloseAsync(socketFd, ct);
            throw new IOException("IP_ADD_MEMBERSHIP failed", errno);
        }

        Console.WriteLine(name + ": joined");
    }
}
