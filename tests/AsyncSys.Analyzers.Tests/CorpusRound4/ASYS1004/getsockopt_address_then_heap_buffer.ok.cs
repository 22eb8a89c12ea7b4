using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.SockOpt;

internal static unsafe class Receiver
{
    private const int SOL_SOCKET = 1;
    private const int SO_RCVBUF = 8;

    [DllImport("libc", SetLastError = true)]
    private static extern int getsockopt(int fd, int level, int name, void* value, int* length);

    public static ValueTask<int> ReceiveOneWindow(IoRing ring, int fd, out byte[] buffer)
    {
        int size = 0;
        int length = sizeof(int);
        getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &length);   // synchronous: done before the receive starts
        buffer = new byte[size > 0 ? size : 65536];
        return ring.ReceiveAsync(fd, buffer);
    }
}
