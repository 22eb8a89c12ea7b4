// A game server drives its simulation with PeriodicTimer in an async loop and sends each tick's snapshot with the
// blocking sendto wrapper, although its generated variant sits beside it. The loop runs on thread-pool threads: every
// send blocks one for the syscall, and with many rooms per process the pool starves and ticks slip (timer ticks are
// coalesced, the simulation runs slow for everyone).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Blocking.TickLoopBlockingSend;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendto", SetLastError = true)]
    internal static extern nint SendTo(int fd, byte[] buffer, nuint length, int flags, byte[] address, uint addressLength);
}

public sealed partial class RoomServer(int socketFd, byte[] peerAddress)
{
    private readonly byte[] _snapshot = new byte[1200];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long SendSnapshot(byte[] snapshot, int length)
    {
        return Native.SendTo(socketFd, snapshot, (nuint)length, 0, peerAddress, (uint)peerAddress.Length);
    }

    public async Task RunAsync(Func<byte[], int> simulate, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1000.0 / 60));
        while (await timer.WaitForNextTickAsync(ct))
        {
            int length = simulate(_snapshot);
            /*~ASYS1007*/SendSnapshot(_snapshot, length);
        }
    }
}
