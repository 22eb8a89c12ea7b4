// The upload worker converts the send once with AsTask(); the Task may be awaited by the logger and by the worker.
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.SendAsTaskShared;

public sealed class UploadWorker(IoRing ring, int socketFd, TextWriter log)
{
    public async Task<int> UploadAsync(ReadOnlyMemory<byte> batch)
    {
        Task<int> send = ring.SendAsync(socketFd, batch).AsTask();
        _ = LogWhenSentAsync(send, batch.Length);
        return await send;
    }

    private async Task LogWhenSentAsync(Task<int> send, int length)
    {
        int sent = await send;
        log.WriteLine($"uploaded {sent}/{length} bytes");
    }
}
