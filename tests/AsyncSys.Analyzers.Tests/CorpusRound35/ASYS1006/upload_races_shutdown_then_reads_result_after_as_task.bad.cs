// The upload worker races a send against the agent's shutdown signal with Task.WhenAny(send.AsTask(), ...); when the
// send wins it reads send.Result. AsTask() already consumed the ValueTask: the source may be recycled, and Result may
// return another operation's count or throw.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.UploadRaceResultAfterAsTask;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    public async Task<int> SendBatchAsync(byte[] batch, Task shutdown)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, batch);
        Task winner = await Task.WhenAny(send.AsTask(), shutdown);
        if (winner == shutdown)
        {
            return -1;
        }

        return /*~ASYS1006*/send.Result;
    }
}
