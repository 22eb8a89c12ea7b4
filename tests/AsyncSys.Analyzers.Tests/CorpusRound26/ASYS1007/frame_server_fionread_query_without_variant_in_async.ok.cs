// A frame server asks the kernel how many bytes are queued (ioctl FIONREAD, an instant query with no async variant:
// the P/Invoke is not an [AsyncSyscall] wrapper) inside its async receive method, then awaits the ring receive.
using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.Blocking.FionreadWithoutVariant;

internal static class Native
{
    internal const nuint FIONREAD = 0x541B;

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, out int available);
}

public sealed class FrameServer(IoRing ring, int socketFd)
{
    public async Task<byte[]> ReceiveAvailableAsync(CancellationToken ct)
    {
        if (Native.Ioctl(socketFd, Native.FIONREAD, out int available) < 0)
        {
            throw new IOException($"FIONREAD failed: errno {Marshal.GetLastPInvokeError()}");
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(available, 512));
        try
        {
            int n = await ring.ReceiveAsync(socketFd, rented, MessageFlags.None, ct);
            return rented.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
