// The Unix-socket dialer made right: the sockaddr_un is built in an ordinary array, which the ring pins for the
// whole connect, so returning the connect's task before it completes is safe.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.UnixConnectManagedSockaddr;

public static class UnixDialer
{
    private const ushort AF_UNIX = 1;

    public static ValueTask Dial(IoRing ring, int fd, string socketPath, CancellationToken ct)
    {
        byte[] address = new byte[110];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), AF_UNIX);
        int pathLength = Encoding.UTF8.GetBytes(socketPath, address.AsSpan(2, 107));
        return ring.ConnectAsync(fd, address.AsMemory(0, 2 + pathLength + 1), ct);
    }
}
