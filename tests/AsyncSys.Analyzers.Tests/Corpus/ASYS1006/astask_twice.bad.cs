// AsTask is called twice on one ValueTask to hand it to two waiters.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Shutdown
{
    public static async Task<int> DrainAsync(IoRing ring, int socket, Task timeout)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socket, new byte[1], 0);
        Task<int> forCaller = receive.AsTask();
        Task<int> forWatchdog = /*~ASYS1006*/receive.AsTask();
        await Task.WhenAny(forWatchdog, timeout);
        return await forCaller;
    }
}
