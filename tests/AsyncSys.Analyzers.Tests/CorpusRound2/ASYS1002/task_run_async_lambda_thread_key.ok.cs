// An async lambda given to Task.Run notes which thread started it, and only logs that id after the await.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Pollers
{
    public static Task Start(IoRing ring, int fd) => Task.Run(async () =>
    {
        int id = Environment.CurrentManagedThreadId;
        PollEvents events = await ring.PollAsync(fd, PollEvents.In);
        Console.WriteLine($"poller started on thread {id} saw {events} (fd {fd})");
    });
}
