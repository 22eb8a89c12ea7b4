using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Errno.UdpBindErrnoFirst;

internal static class Net
{
    public const int AF_INET = 2;
    public const int SOCK_DGRAM = 2;

    [DllImport("libc", SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport("libc", SetLastError = true)]
    public static extern unsafe int bind(int fd, byte* address, int length);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);
}

internal sealed class GameServerSocket
{
    public static unsafe int OpenBound(ushort port)
    {
        int fd = Net.socket(Net.AF_INET, Net.SOCK_DGRAM, 0);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        byte* address = stackalloc byte[16];
        new Span<byte>(address, 16).Clear();
        address[0] = Net.AF_INET;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        if (Net.bind(fd, address, 16) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();   // bind's, taken before close runs
            Net.close(fd);
            throw new ErrnoException(errno, "bind");
        }

        return fd;
    }

    public static async Task<int> PumpAsync(IoRing ring, int fd, Func<ReadOnlyMemory<byte>, ValueTask> onDatagram, CancellationToken cancellationToken)
    {
        byte[] datagram = new byte[1500];
        int count = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int n = await ring.ReceiveAsync(fd, datagram, MessageFlags.None, cancellationToken);
            await onDatagram(datagram.AsMemory(0, n));
            count++;
        }

        return count;
    }
}
