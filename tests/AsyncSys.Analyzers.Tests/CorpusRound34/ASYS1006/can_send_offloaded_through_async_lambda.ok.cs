// The CAN diagnostics tool made right: the lambda given to Task.Run awaits the send, so its failure flows out of the
// Task.Run task.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ValueTasks.CanTaskRunAwaitsSend;

public sealed class DiagnosticsTool(IoRing ring, int canSocket)
{
    public async Task<int> SendRequestAsync(byte[] frame, CancellationToken ct)
    {
        return await Task.Run(async () => await ring.SendAsync(canSocket, frame, MessageFlags.None, ct), ct);
    }
}
