// The metrics listener, written as low-latency code often is: a dedicated (non-pool) thread blocks in the recvfrom
// wrapper and hands datagrams to a Channel. The loop is synchronous code on its own thread, where blocking is the
// point; consumers read the channel asynchronously.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using AsyncSys;

namespace Round15.Blocking.TelemetryDedicatedThread;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nuint length, int flags, byte[] address, ref uint addressLength);
}

public readonly record struct Datagram(byte[] Payload, int Length, byte[] From);

public sealed partial class MetricsListener(int socketFd)
{
    private readonly Channel<Datagram> _datagrams = Channel.CreateBounded<Datagram>(4096);

    public ChannelReader<Datagram> Datagrams => _datagrams.Reader;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long ReceiveFrom(byte[] payload, byte[] from)
    {
        uint fromLength = (uint)from.Length;
        return Native.RecvFrom(socketFd, payload, (nuint)payload.Length, 0, from, ref fromLength);
    }

    public Thread Start(CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var payload = new byte[1432];
                var from = new byte[16];
                long n = ReceiveFrom(payload, from);
                if (n < 0 || !_datagrams.Writer.TryWrite(new Datagram(payload, (int)n, from)))
                {
                    break;
                }
            }

            _datagrams.Writer.TryComplete();
        })
        {
            IsBackground = true,
            Name = "metrics-recv",
        };
        thread.Start();
        return thread;
    }
}
