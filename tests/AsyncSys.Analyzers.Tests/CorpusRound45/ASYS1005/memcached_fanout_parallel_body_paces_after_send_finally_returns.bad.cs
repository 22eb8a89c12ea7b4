// A Memcached fan-out's Parallel.ForEachAsync body starts the shard's send from a pooled frame, then awaits a pacing delay; when the token fires the delay throws, and the finally returns the frame with the send in flight.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MemcachedFanOutBad;

internal sealed record Shard(int Socket, TimeSpan Pacing);

internal sealed class FanOut(IoRing ring)
{
    public Task BroadcastAsync(IReadOnlyList<Shard> shards, ReadOnlyMemory<byte> command, CancellationToken ct) =>
        Parallel.ForEachAsync(shards, ct, async (shard, token) =>
        {
            byte[] frame = ArrayPool<byte>.Shared.Rent(command.Length);
            try
            {
                command.CopyTo(frame);
                ValueTask<int> send = ring.SendAsync(shard.Socket, frame.AsMemory(0, command.Length), MessageFlags.None, token);
                await Task.Delay(shard.Pacing, token).ConfigureAwait(false);
                await send.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            finally
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
            }
        });
}
