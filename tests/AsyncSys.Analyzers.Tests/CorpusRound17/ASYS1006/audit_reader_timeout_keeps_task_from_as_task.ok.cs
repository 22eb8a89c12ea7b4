// An audit reader races a receive against an idle timeout. It converts the ValueTask once with AsTask() and from then on
// uses only that Task (WhenAny, then await): the ValueTask is consumed exactly once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.Unobserved.AuditTimeoutAsTaskOnce;

public sealed class AuditIdleProbe(IoRing ring, int auditFd)
{
    private readonly byte[] _buffer = new byte[8192];

    public async Task<int> ReceiveOrIdleAsync(TimeSpan idle, CancellationToken ct)
    {
        Task<int> receive = ring.ReceiveAsync(auditFd, _buffer, MessageFlags.None, ct).AsTask();
        Task first = await Task.WhenAny(receive, Task.Delay(idle, ct));
        if (first != receive)
        {
            return 0;
        }

        return await receive;
    }
}
