// The static-file server's stall watch made right: after racing the send's Task against the stall timer, it awaits
// that Task (which may be awaited any number of times), not the consumed ValueTask.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.RangeSendStallWatchTask;

public sealed class RangeSender(IoRing ring, TextWriter log)
{
    public async Task<int> SendChunkAsync(int socketFd, ReadOnlyMemory<byte> chunk, TimeSpan stall, CancellationToken ct)
    {
        Task<int> sending = ring.SendAsync(socketFd, chunk, MessageFlags.None, ct).AsTask();
        if (await Task.WhenAny(sending, Task.Delay(stall, ct)) != sending)
        {
            log.WriteLine($"fd {socketFd}: client stalled for {stall.TotalSeconds} s");
        }

        return await sending;
    }
}
