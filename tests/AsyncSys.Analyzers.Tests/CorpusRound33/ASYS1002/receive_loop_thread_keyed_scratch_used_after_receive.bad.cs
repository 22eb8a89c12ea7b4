// A datagram transport keeps one decode scratch array per thread id (taken with GetOrAdd before the receive, to avoid
// allocating per packet) and decodes the received datagram into it after the awaited receive. The loop resumes on
// another pool thread; meanwhile another connection's loop resumed on the first thread takes "its" scratch, the same
// array, and two decoders write interleaved input commands into one buffer.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.PerThread.ThreadKeyedScratch;

public interface IInputDecoder
{
    int Decode(ReadOnlySpan<byte> datagram, Span<byte> commands);
    void Apply(ReadOnlySpan<byte> commands);
}

public sealed class ConnectionReceiver(IoRing ring, int fd, IInputDecoder decoder)
{
    private static readonly ConcurrentDictionary<int, byte[]> s_scratchByThread = new();
    private readonly byte[] _datagram = new byte[1500];

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            byte[] scratch = s_scratchByThread.GetOrAdd(Environment.CurrentManagedThreadId, _ => new byte[4096]);
            int n = await ring.ReceiveAsync(fd, _datagram, MessageFlags.None, ct);
            int length = decoder.Decode(_datagram.AsSpan(0, n), /*~ASYS1002*/scratch);
            decoder.Apply(scratch.AsSpan(0, length));
        }
    }
}
