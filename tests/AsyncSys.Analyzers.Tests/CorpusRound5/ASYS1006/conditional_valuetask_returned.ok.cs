using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Observed.ConditionalReturned;

internal sealed class Source(IoRing ring, int fd, bool isSocket)
{
    public ValueTask<int> ReadAsync(Memory<byte> buffer, long offset, CancellationToken cancellationToken) =>
        isSocket
            ? ring.ReceiveAsync(fd, buffer, MessageFlags.None, cancellationToken)
            : ring.ReadAsync(fd, buffer, offset, cancellationToken);   // either task goes to the caller
}
