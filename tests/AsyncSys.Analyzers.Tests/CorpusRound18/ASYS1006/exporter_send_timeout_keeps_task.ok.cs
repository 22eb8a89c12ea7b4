// The deadline sender made right: the ValueTask is converted once, and the Task (which may be awaited any number of
// times) is what both the deadline wait and the late await use.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.ExporterTimeoutKeepsTask;

public sealed class DeadlineSender(IoRing ring, int collectorSocket)
{
    public async Task<int> SendAsync(ReadOnlyMemory<byte> batch, TimeSpan deadline, CancellationToken ct)
    {
        Task<int> send = ring.SendAsync(collectorSocket, batch, MessageFlags.NoSignal, ct).AsTask();
        try
        {
            return await send.WaitAsync(deadline, ct);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine("exporter: send slower than " + deadline);
            return await send;
        }
    }
}
