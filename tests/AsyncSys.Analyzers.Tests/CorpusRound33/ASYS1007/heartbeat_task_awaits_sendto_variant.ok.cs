// The heartbeat loop made right: the async lambda awaits the sendto wrapper's generated variant, so a full socket
// buffer parks the heartbeat on an AsyncSys worker instead of a pool thread.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Blocking.HeartbeatAwaitedSend;

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
            await Udp.SendDatagramAsync(fd, beat, beat.Length, serverAddress, ct);
            await Task.Delay(period, ct);
        }
    }, ct);
}
