// The UDP sender, written right: the destination sockaddr is a parameter of the offloaded wrapper, so the worker gets
// the caller's address with the call.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.UdpSenderAddressArgument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nuint length, int flags, byte[] address, uint addressLength);
}

public sealed partial class UdpSender(int socketFd)
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SendPacket(byte[] payload, int length, byte[] address)
    {
        return Native.SendTo(socketFd, payload, (nuint)length, 0, address, (uint)address.Length);
    }

    public async Task SendSnapshotAsync(byte[] peerAddress, byte[] snapshot, int length, CancellationToken ct)
    {
        await SendPacketAsync(snapshot, length, peerAddress, ct);
    }
}
