// A trace exporter gives each batch send a deadline: it waits on send.AsTask().WaitAsync(timeout) and, when the deadline
// passes, logs it and awaits the send ValueTask itself to get the final count. AsTask() already consumed that ValueTask;
// AsyncSys recycles the source behind it, so the second await may observe another operation's result (or throw), and
// the exporter's byte accounting goes wrong.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.ValueTasks.ExporterTimeoutAwaitsTwice;

public sealed class DeadlineSender(IoRing ring, int collectorSocket)
{
    public async Task<int> SendAsync(ReadOnlyMemory<byte> batch, TimeSpan deadline, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(collectorSocket, batch, MessageFlags.NoSignal, ct);
        try
        {
            return await send.AsTask().WaitAsync(deadline, ct);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine("exporter: send slower than " + deadline);
            return /*~ASYS1006*/await send;
        }
    }
}
