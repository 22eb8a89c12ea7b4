// The sendto wrapper's counters made right: the offloaded wrapper adds to the static counters with Interlocked, so
// concurrent workers sending snapshots lose no datagram or byte in the stats overlay.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round33.Shared.SendtoInterlockedCounters;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nint length, int flags, byte[] address, uint addressLength);
}

public static partial class Udp
{
    public static long s_datagramsSent;
    public static long s_bytesSent;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendDatagram(int fd, byte[] payload, int length, byte[] address)
    {
        nint sent = Native.SendTo(fd, payload, length, 0, address, (uint)address.Length);
        if (sent >= 0)
        {
            Interlocked.Increment(ref s_datagramsSent);
            Interlocked.Add(ref s_bytesSent, sent);
        }

        return sent;
    }
}
