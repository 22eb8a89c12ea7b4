// The type of the locks every operation takes (the operation table's, the io_uring submission queue's).
//
// On .NET 9 and later it is System.Threading.Lock, which waits for a contended lock in managed code. A Monitor on
// a plain object went into the runtime's native lock instead: with 32 concurrent page-cached reads on 2 cores that
// was 15 % of all CPU samples in libcoreclr (perf), 4.6 % with Lock, and the share of the kernel's copy, the work
// actually asked for, rose from 16 % to 31 %. On .NET 8, which has no Lock type, it stays a Monitor on an object.
// Neither is ever used with Monitor.Wait/Pulse (WorkerPool, which needs those, keeps an object of its own).
#if NET9_0_OR_GREATER
global using HotPathLock = System.Threading.Lock;
#else
global using HotPathLock = System.Object;
#endif

namespace AsyncSys;

/// <summary>Checks on a <c>HotPathLock</c> that read the same on both lock types.</summary>
internal static class HotPathLocks
{
    /// <summary>Whether the current thread holds <paramref name="gate"/> (for debug assertions).</summary>
    internal static bool IsHeld(HotPathLock gate) =>
#if NET9_0_OR_GREATER
        gate.IsHeldByCurrentThread;
#else
        System.Threading.Monitor.IsEntered(gate);
#endif
}
