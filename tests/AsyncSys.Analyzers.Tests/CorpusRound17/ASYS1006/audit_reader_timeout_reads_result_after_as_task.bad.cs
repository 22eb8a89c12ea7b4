// The same idle probe written with the ValueTask kept: it hands receive.AsTask() to WhenAny and, when the receive won,
// reads receive.Result from the ValueTask. AsTask() already consumed it; the source may have been recycled for the
// next operation, so the length returned is another receive's (or the read throws).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Unobserved.AuditTimeoutResultAfterAsTask;

public sealed class AuditIdleProbe(IoRing ring, int auditFd)
{
    private readonly byte[] _buffer = new byte[8192];

    public async Task<int> ReceiveOrIdleAsync(TimeSpan idle, CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(auditFd, _buffer, MessageFlags.None, ct);
        Task first = await Task.WhenAny(receive.AsTask(), Task.Delay(idle, ct));
        if (first is Task<int>)
        {
            return /*~ASYS1006*/receive.Result;
        }

        return 0;
    }
}
