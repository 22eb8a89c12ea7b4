// A hosted block writer consumes a Channel of blocks rented from MemoryPool<byte>.Shared; it disposes each rental only after its positional write has been awaited.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.ChannelWriterOk;

/// <summary>A block the producers rented from a MemoryPool and filled; the consumer owns it once it is read from the channel.</summary>
internal sealed record WriteRequest(IMemoryOwner<byte> Owner, int Length, long Offset);

/// <summary>The shape of Microsoft.Extensions.Hosting's BackgroundService, which the corpus compiles without.</summary>
internal abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public Task StartAsync(CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
}

internal sealed class BlockWriterService(IoRing ring, int fd, ChannelReader<WriteRequest> requests) : BackgroundService
{
    public static async ValueTask ProduceAsync(ChannelWriter<WriteRequest> writer, ReadOnlyMemory<byte> data, long offset, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(owner.Memory);
        await writer.WriteAsync(new WriteRequest(owner, data.Length, offset), ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (WriteRequest request in requests.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            using (request.Owner)
            {
                await ring.WriteAsync(fd, request.Owner.Memory[..request.Length], request.Offset, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
