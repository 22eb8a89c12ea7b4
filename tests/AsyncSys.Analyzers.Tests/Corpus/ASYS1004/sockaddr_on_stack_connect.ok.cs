// The sockaddr_un is built in an array; the ring pins it until the connect completes.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class UnixSocket
{
    public static ValueTask ConnectAsync(IoRing ring, int socket, string path, CancellationToken cancellationToken)
    {
        byte[] address = new byte[110];
        address[0] = 1;
        int length = 2 + Encoding.UTF8.GetBytes(path, address.AsSpan(2, 107));
        return ring.ConnectAsync(socket, address.AsMemory(0, length), cancellationToken);
    }
}
