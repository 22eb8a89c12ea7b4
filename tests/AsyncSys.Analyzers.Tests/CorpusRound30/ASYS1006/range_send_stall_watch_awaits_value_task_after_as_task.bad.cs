// A static-file server watches for stalled clients: it converts the range send's ValueTask to a Task to race it against
// a stall timer, logs a warning if the timer wins, and then awaits the original ValueTask for the byte count. AsTask()
// already consumed it; the ring may have recycled its source for another connection's operation, so the await returns
// that operation's result (a wrong byte count in the access log and range bookkeeping) or throws.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.RangeSendStallWatch;

public sealed class RangeSender(IoRing ring, TextWriter log)
{
    public async Task<int> SendChunkAsync(int socketFd, ReadOnlyMemory<byte> chunk, TimeSpan stall, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, chunk, MessageFlags.None, ct);
        Task<int> sending = send.AsTask();
        if (await Task.WhenAny(sending, Task.Delay(stall, ct)) != sending)
        {
            log.WriteLine($"fd {socketFd}: client stalled for {stall.TotalSeconds} s");
        }

        return /*~ASYS1006*/await send;
    }
}
