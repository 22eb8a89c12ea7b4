// A game server's sendto wrapper (offloaded: sendto has an address, so it runs on a worker) counts datagrams and bytes
// for the network stats overlay in plain static fields. Snapshots to many clients are sent concurrently from several
// workers, so the ++ and += lose updates and the overlay under-reports bandwidth exactly when the server is busiest.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round33.Shared.SendtoStaticCounters;

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
            /*~ASYS1003*/s_datagramsSent++;
            /*~ASYS1003*/s_bytesSent += sent;
        }

        return sent;
    }
}
