// A UDP server runs its receive loop on a dedicated thread (one per SO_REUSEPORT socket) that calls the blocking
// recvfrom wrapper and queues datagrams to game logic through a channel; the async consumer awaits the channel. Blocking
// is this thread's job, so the synchronous wrapper is the right call there.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Blocking.DedicatedReceiveThread;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nint length, int flags, byte[] address, ref uint addressLength);
}

public static partial class Udp
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReceiveDatagram(int fd, byte[] datagram, byte[] source)
    {
        uint sourceLength = (uint)source.Length;
        return Native.RecvFrom(fd, datagram, datagram.Length, 0, source, ref sourceLength);
    }
}

public sealed class ReceiveThread(int fd, Func<byte[], ValueTask> handle)
{
    private readonly Channel<byte[]> _inbound = Channel.CreateBounded<byte[]>(1024);

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() => Receive(ct)) { IsBackground = true, Name = "udp-rx-" + fd };
        thread.Start();
        return thread;
    }

    private void Receive(CancellationToken ct)
    {
        byte[] datagram = new byte[1500];
        byte[] source = new byte[28];
        while (!ct.IsCancellationRequested)
        {
            nint n = Udp.ReceiveDatagram(fd, datagram, source);
            if (n > 0)
            {
                _inbound.Writer.TryWrite(datagram.AsSpan(0, (int)n).ToArray());
            }
        }
    }

    public async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (byte[] datagram in _inbound.Reader.ReadAllAsync(ct))
        {
            await handle(datagram);
        }
    }
}
