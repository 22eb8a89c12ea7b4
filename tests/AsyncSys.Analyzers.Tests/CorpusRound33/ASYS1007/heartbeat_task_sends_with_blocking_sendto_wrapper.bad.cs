// A matchmaking client starts a heartbeat loop as an async lambda on Task.Run and sends each heartbeat with the
// blocking sendto wrapper although its generated variant exists. The lambda holds a pool thread for each send; when the
// socket buffer is full (a congested uplink) the send blocks and the heartbeat task stalls a pool thread indefinitely.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Blocking.HeartbeatBlockingSend;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nint length, int flags, byte[] address, uint addressLength);
}

public static partial class Udp
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint SendDatagram(int fd, byte[] payload, int length, byte[] address) =>
        Native.SendTo(fd, payload, length, 0, address, (uint)address.Length);
}

public sealed class Heartbeat(int fd, byte[] serverAddress, TimeSpan period)
{
    public Task Start(CancellationToken ct) => Task.Run(async () =>
    {
        byte[] beat = [0x48, 0x42];
        while (!ct.IsCancellationRequested)
        {
            /*~ASYS1007*/Udp.SendDatagram(fd, beat, beat.Length, serverAddress);
            await Task.Delay(period, ct);
        }
    }, ct);
}
