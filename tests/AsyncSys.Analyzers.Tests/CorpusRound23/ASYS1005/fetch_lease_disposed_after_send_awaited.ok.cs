// The same fetch path made right: the method awaits the send, so the using declaration disposes the lease after the
// kernel is done with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.FetchLeaseAwaited;

public sealed class FetchSender(IoRing ring)
{
    public async ValueTask<int> SendRecordsAsync(int socketFd, ReadOnlyMemory<byte> records, CancellationToken ct)
    {
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(records.Length);
        records.CopyTo(lease.Memory);
        return await ring.SendAsync(socketFd, lease.Memory[..records.Length], 0, ct);
    }
}
