// A replicator copies records of every partition through one pooled owner inside `await using`, pipelining one send; an oversized record jumps out of both loops with goto to a label before the last send's await.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Replication;

public sealed class PooledOwner : IAsyncDisposable
{
    private byte[]? _array;

    public PooledOwner(int size) => _array = ArrayPool<byte>.Shared.Rent(size);

    public Memory<byte> Memory => _array;

    public ValueTask DisposeAsync()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class Replicator
{
    private readonly IoRing _ring;
    private readonly int _follower;

    public Replicator(IoRing ring, int follower)
    {
        _ring = ring;
        _follower = follower;
    }

    public async Task<int> ReplicateAsync(IReadOnlyList<IReadOnlyList<ReadOnlyMemory<byte>>> partitions, CancellationToken ct)
    {
        int copied = 0;
        await using (var owner = new PooledOwner(64 * 1024))
        {
            ValueTask<int> send = default;
            bool sending = false;
            for (int p = 0; p < partitions.Count; p++)
            {
                foreach (ReadOnlyMemory<byte> record in partitions[p])
                {
                    if (record.Length > owner.Memory.Length)
                    {
                        goto done;
                    }

                    if (sending)
                    {
                        await send;
                        sending = false;
                    }

                    record.CopyTo(owner.Memory);
                    send = _ring.SendAsync(_follower, owner.Memory[..record.Length], MessageFlags.None, ct);
                    sending = true;
                    copied++;
                }
            }

        done:
            if (sending)
            {
                await send;
            }
        }

        return copied;
    }
}
