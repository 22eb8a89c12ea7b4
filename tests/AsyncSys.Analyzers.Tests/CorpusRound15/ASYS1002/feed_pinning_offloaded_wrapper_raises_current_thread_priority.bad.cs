// A feed handler's start-up pins "the feed thread" to an isolated core and raises its priority. The helper was written
// for the dedicated thread, then marked as an offloaded wrapper (sched_setaffinity is not a ring operation) and awaited
// from the async start-up: it now runs on an AsyncSys worker, so Thread.CurrentThread boosts the worker, and the real
// feed loop keeps running at normal priority (latency spikes, lost packets on bursts).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.PerThread.FeedPinningOffloaded;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static extern int SchedSetAffinity(int pid, nuint cpuSetSize, ulong[] mask);
}

public sealed partial class FeedThreadSetup
{
    // The affinity names the feed thread by its ID (sched_setaffinity of pid 0 in the body is refused by the generator,
    // ASYS0016); the priority is still the current thread's, which on the worker is the worker.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int PinCurrentThread(int feedThreadId, int cpu)
    {
        /*~ASYS1002*/Thread.CurrentThread.Priority = ThreadPriority.Highest;
        ulong[] mask = new ulong[16];
        mask[cpu / 64] |= 1UL << (cpu % 64);
        return Native.SchedSetAffinity(feedThreadId, (nuint)(mask.Length * sizeof(ulong)), mask);
    }

    public async Task StartAsync(int feedThreadId, int isolatedCpu, CancellationToken ct)
    {
        await PinCurrentThreadAsync(feedThreadId, isolatedCpu, ct);
        Console.WriteLine("feed thread pinned to " + isolatedCpu);
    }
}
