// A telemetry collector exposes incoming UDP datagrams (StatsD-like metrics) as an IAsyncEnumerable, but reads each one
// with the blocking recvfrom wrapper inside the async iterator. Each MoveNextAsync blocks a pool thread until a datagram
// arrives (forever on a quiet port), and a consumer's cancellation is only seen after the next packet.
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Blocking.TelemetryIteratorBlockingRecv;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static extern nint RecvFrom(int fd, byte[] buffer, nuint length, int flags, byte[] address, ref uint addressLength);
}

public readonly record struct Datagram(byte[] Payload, int Length, byte[] From);

public sealed partial class MetricsListener(int socketFd)
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public long ReceiveFrom(byte[] payload, byte[] from)
    {
        uint fromLength = (uint)from.Length;
        return Native.RecvFrom(socketFd, payload, (nuint)payload.Length, 0, from, ref fromLength);
    }

    public async IAsyncEnumerable<Datagram> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            var payload = new byte[1432];
            var from = new byte[16];
            long n = /*~ASYS1007*/ReceiveFrom(payload, from);
            if (n < 0)
            {
                yield break;
            }

            yield return new Datagram(payload, (int)n, from);
        }
    }
}
