// The per-thread decode scratch made right: it is taken after the awaited receive, on the thread that then decodes
// into it and applies it without awaiting, so no other loop can hold the same array at the same time.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.PerThread.ThreadKeyedScratchAfter;

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
            int n = await ring.ReceiveAsync(fd, _datagram, MessageFlags.None, ct);
            byte[] scratch = s_scratchByThread.GetOrAdd(Environment.CurrentManagedThreadId, _ => new byte[4096]);
            int length = decoder.Decode(_datagram.AsSpan(0, n), scratch);
            decoder.Apply(scratch.AsSpan(0, length));
        }
    }
}
