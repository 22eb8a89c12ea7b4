// A fetch path copies records into a pooled lease and returns the ring's send task to the caller. The using
// declaration disposes the lease when the method returns, which is before the send ran: the pool hands the memory to
// the next fetch, which overwrites it while the kernel is still copying it to this consumer's socket.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.FetchLeaseReturned;

public sealed class FetchSender(IoRing ring)
{
    public ValueTask<int> SendRecordsAsync(int socketFd, ReadOnlySpan<byte> records)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(records.Length);
        records.CopyTo(lease.Memory.Span);
        return ring.SendAsync(socketFd, lease.Memory[..records.Length]);
    }
}
