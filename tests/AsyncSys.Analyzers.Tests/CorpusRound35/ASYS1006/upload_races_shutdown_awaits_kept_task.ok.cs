// The upload worker converts the send once with AsTask(), races that Task, and awaits the same Task when it wins.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.UploadRaceKeptTask;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    public async Task<int> SendBatchAsync(byte[] batch, Task shutdown)
    {
        Task<int> send = ring.SendAsync(socketFd, batch).AsTask();
        Task winner = await Task.WhenAny(send, shutdown);
        if (winner == shutdown)
        {
            return -1;
        }

        return await send;
    }
}
