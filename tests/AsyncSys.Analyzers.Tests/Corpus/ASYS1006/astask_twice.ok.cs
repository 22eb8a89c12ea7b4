// One AsTask; the Task can be awaited by any number of waiters.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Shutdown
{
    public static async Task<int> DrainAsync(IoRing ring, int socket, Task timeout)
    {
        Task<int> receive = ring.ReceiveAsync(socket, new byte[1], 0).AsTask();
        await Task.WhenAny(receive, timeout);
        return await receive;
    }
}
