// An SSH-like server keeps the channel a request belongs to in an AsyncLocal, so that log lines written deep in the pty
// plumbing can name it; it is set before the pty output is pumped and read after each ring read. AsyncLocal flows with
// the async call, not the thread, so after the await it is still this request's channel. The thread id is only logged.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.PerThread.AmbientChannelAsyncLocal;

public sealed class PtyChannelPump(IoRing ring, TextWriter log)
{
    private static readonly AsyncLocal<string?> s_channel = new();

    public async Task PumpAsync(string channelId, int masterFd, Func<ReadOnlyMemory<byte>, ValueTask> send, CancellationToken ct)
    {
        s_channel.Value = channelId;
        int startedOn = Environment.CurrentManagedThreadId;
        byte[] chunk = new byte[8192];
        while (true)
        {
            int n = await ring.ReadAsync(masterFd, chunk, ct);
            if (n <= 0)
            {
                log.WriteLine($"[{s_channel.Value}] pty closed (pump started on thread {startedOn})");
                return;
            }

            await send(chunk.AsMemory(0, n));
        }
    }
}
