// A CAN diagnostics tool moves its send "off the UI thread" with Task.Run(() => ring.SendAsync(...)). Task.Run binds
// the Func<ValueTask<int>> overload: awaiting it yields the send's ValueTask, which the statement drops, so a failed
// send (ENETDOWN after bus-off) is never seen and the tool reports success.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.CanTaskRunDropsSend;

public sealed class DiagnosticsTool(IoRing ring, int canSocket)
{
    public async Task SendRequestAsync(byte[] frame, CancellationToken ct)
    {
        /*~ASYS1006*/await Task.Run(() => ring.SendAsync(canSocket, frame, MessageFlags.None, ct), ct);
    }
}
