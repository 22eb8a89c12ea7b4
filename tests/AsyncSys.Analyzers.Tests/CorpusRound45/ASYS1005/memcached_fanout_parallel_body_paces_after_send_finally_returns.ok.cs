// A Memcached fan-out's Parallel.ForEachAsync body awaits its pacing delay before starting the shard's send from a pooled frame, so a cancelled delay leaves nothing in flight when the finally returns the frame.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MemcachedFanOutOk;

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
                await Task.Delay(shard.Pacing, token).ConfigureAwait(false);
                ValueTask<int> send = ring.SendAsync(shard.Socket, frame.AsMemory(0, command.Length), MessageFlags.None, token);
                await send.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        });
}
