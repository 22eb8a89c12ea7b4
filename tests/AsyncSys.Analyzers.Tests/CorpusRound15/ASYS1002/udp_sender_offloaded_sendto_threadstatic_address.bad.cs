// A UDP game server keeps the destination sockaddr in a [ThreadStatic] scratch array (as socket libraries do to avoid
// allocating per send): the caller encodes the peer's address into it, then sends. SendPacket has no ring operation
// (sendto keeps its address, an ordinary method, RingOp.None), so its variant runs on an AsyncSys worker, where the
// [ThreadStatic] array is the worker's own: empty or holding another peer's address. Snapshots go to the wrong player,
// or sendto fails with EAFNOSUPPORT on the zeroed family.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.UdpSenderThreadStaticAddress;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nuint length, int flags, byte[] address, uint addressLength);
}

public sealed partial class UdpSender(int socketFd)
{
    [ThreadStatic]
    private static byte[]? t_address;

    public static void SetDestination(ReadOnlySpan<byte> sockaddr)
    {
        byte[] address = t_address ??= new byte[16];
        sockaddr.CopyTo(address);
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SendPacket(byte[] payload, int length)
    {
        byte[] address = /*~ASYS1002*/t_address ?? throw new InvalidOperationException("no destination");
        return Native.SendTo(socketFd, payload, (nuint)length, 0, address, (uint)address.Length);
    }

    public async Task SendSnapshotAsync(byte[] peerAddress, byte[] snapshot, int length, CancellationToken ct)
    {
        SetDestination(peerAddress);
        await SendPacketAsync(snapshot, length, ct);
    }
}
