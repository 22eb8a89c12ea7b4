using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Blocks;

public sealed class BlockReader
{
    private readonly IoRing _ring;

    public BlockReader(IoRing ring) => _ring = ring;

    public long Checksum { get; private set; }

    public async ValueTask<int> ReadWithTimeoutAsync(int fd, long offset, TimeSpan timeout)
    {
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
        using var timeoutSource = new CancellationTokenSource(timeout);
        ValueTask<int> read = _ring.ReadAsync(fd, owner.Memory, offset, timeoutSource.Token);
        int n = await read;   // a timeout cancels the read and completes it before the owner is disposed
        foreach (byte b in owner.Memory.Span.Slice(0, n))
        {
            Checksum += b;
        }

        return n;
    }
}
