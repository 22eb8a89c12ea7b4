// Pinning done right: the feed loop gets its own thread, which pins itself (pid 0 is that thread) and raises its own
// priority before it starts polling. Nothing is offloaded and nothing awaits, so "the current thread" is the feed thread.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round15.PerThread.FeedPinningDedicatedThread;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static extern int SchedSetAffinity(int pid, nuint cpuSetSize, ulong[] mask);
}

public sealed class FeedThread(int cpu, Action<CancellationToken> pollLoop)
{
    public Thread Start(CancellationToken stop)
    {
        var thread = new Thread(() =>
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            ulong[] mask = new ulong[16];
            mask[cpu / 64] |= 1UL << (cpu % 64);
            if (Native.SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), mask) < 0)
            {
                throw new InvalidOperationException("sched_setaffinity failed: " + Marshal.GetLastPInvokeError());
            }

            pollLoop(stop);
        })
        {
            IsBackground = true,
            Name = "feed-cpu" + cpu,
        };
        thread.Start();
        return thread;
    }
}
