// The send wrapper of a datagram transport (offloaded) hands each failure to a helper that counts would-block drops and
// hard errors on a stats object held in a static field. Concurrent workers bump the same fields with plain ++, so the
// congestion controller, which backs off on the would-block count, sees fewer drops than happened and keeps flooding.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Shared.SendFailureStats;

internal static class Native
{
    internal const int EAGAIN = 11;

    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nint length, int flags, byte[] address, uint addressLength);
}

internal sealed class TransportStats
{
    public long WouldBlock;
    public long HardErrors;
}

internal static class Metrics
{
    internal static readonly TransportStats s_stats = new();

    internal static void CountFailure(int errno)
    {
        if (errno == Native.EAGAIN)
        {
            /*~ASYS1003*/s_stats.WouldBlock++;
        }
        else
        {
            /*~ASYS1003*/s_stats.HardErrors++;
        }
    }
}

public static partial class Transport
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendDatagram(int fd, byte[] datagram, int length, byte[] peer)
    {
        nint sent = Native.SendTo(fd, datagram, length, 0, peer, (uint)peer.Length);
        if (sent < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Metrics.CountFailure(errno);
            Marshal.SetLastPInvokeError(errno);
        }

        return sent;
    }
}
