// An async lambda given to Task.Run registers itself under its thread id and unregisters after an await.
using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Pollers
{
    private static readonly ConcurrentDictionary<int, int> s_active = new();

    public static Task Start(IoRing ring, int fd) => Task.Run(async () =>
    {
        int id = Environment.CurrentManagedThreadId;
        s_active[id] = fd;
        await ring.PollAsync(fd, PollEvents.In);
        s_active.TryRemove(/*~ASYS1002*/id, out _);
    });
}
