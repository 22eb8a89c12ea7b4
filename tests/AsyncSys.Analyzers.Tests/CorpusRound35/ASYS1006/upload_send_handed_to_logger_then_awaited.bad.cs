// The upload worker hands the send's ValueTask to a "log when done" helper (which awaits it) and then awaits it itself
// for the count. A ValueTask may be consumed once: one of the two awaits observes a recycled source.
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.SendHandedOffThenAwaited;

public sealed class UploadWorker(IoRing ring, int socketFd, TextWriter log)
{
    public async Task<int> UploadAsync(ReadOnlyMemory<byte> batch)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, batch);
        _ = LogWhenSentAsync(send, batch.Length);
        return /*~ASYS1006*/await send;
    }

    private async Task LogWhenSentAsync(ValueTask<int> send, int length)
    {
        int sent = await send;
        log.WriteLine($"uploaded {sent}/{length} bytes");
    }
}
