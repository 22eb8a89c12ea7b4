// A feed handler joins its multicast group with setsockopt(IP_ADD_MEMBERSHIP). When the join fails it closes the socket
// on the ring first and only then builds the exception from errno. After the await the method may run on another
// thread, whose saved error is whatever its last P/Invoke left: the operator is told "success" or an unrelated code
// instead of ENODEV (wrong interface) and cannot tell why the A-side feed never came up.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Errno.MulticastJoinAfterClose;

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
            await ring.CloseAsync(socketFd, ct);
            throw new IOException("IP_ADD_MEMBERSHIP failed", /*~ASYS1001*/Marshal.GetLastPInvokeError());
        }

        Console.WriteLine(name + ": joined");
    }
}
