using Microsoft.CodeAnalysis;

namespace AsyncSys.Analyzers;

/// <summary>
/// System.Threading calls that signal or release without running user code or a P/Invoke declared with
/// <c>SetLastError</c>: between a P/Invoke and its errno read they leave errno alone (ASYS1001), like a lock's
/// entry and exit.
/// </summary>
/// <remarks>
/// The saved error <c>Marshal.GetLastPInvokeError</c> returns is written only by a P/Invoke declared with
/// <c>SetLastError</c> (and <c>SetLastPInvokeError</c>). Each call here is, in the runtime's source:
/// <list type="bullet">
/// <item><c>SemaphoreSlim.Release</c>: a <c>lock</c>, <c>Monitor.Pulse</c> for blocked waiters, and async waiters' tasks
/// completed with <c>RunContinuationsAsynchronously</c> (their continuations are queued to the pool, which wakes a
/// worker through native code declared without SetLastError, never run here);</item>
/// <item><c>ManualResetEventSlim.Set</c>/<c>Reset</c>: a state word and <c>Monitor.PulseAll</c>;</item>
/// <item><c>CountdownEvent.Signal</c>/<c>AddCount</c>/<c>TryAddCount</c>/<c>Reset</c>: Interlocked on the count and the
/// ManualResetEventSlim's Set/Reset;</item>
/// <item><c>SpinLock.Exit</c>: a volatile write; <c>Thread.MemoryBarrier</c>: a fence instruction.</item>
/// </list>
/// Except for one thing: once the kernel wait handle behind a SemaphoreSlim (<c>AvailableWaitHandle</c>), a
/// ManualResetEventSlim or a CountdownEvent (<c>WaitHandle</c>) has been taken, their Release, Set and Reset also set
/// or reset that event, a P/Invoke declared with SetLastError (<c>SetEvent</c>/<c>ResetEvent</c>, through the PAL on
/// Linux) that overwrites the saved error. So when the compilation takes such a handle anywhere, these count as calls.
/// Not here: waits (<c>Wait</c>, <c>SpinLock.Enter</c>, <c>SpinWait.SpinOnce</c>: they block, sleep or yield in native
/// code a signal may interrupt, which GetLastSystemError would see), <c>ReaderWriterLockSlim</c> (its waiters sleep on
/// kernel events that its exits set: SetLastError P/Invokes), <c>CancellationTokenSource.Cancel</c> (runs the callbacks
/// registered, anyone's code).
/// </remarks>
internal static class SignalsKeepingErrno
{
    /// <summary>Whether <paramref name="method"/> of <paramref name="type"/> is one of the calls above.</summary>
    public static bool Contains(IMethodSymbol method, INamedTypeSymbol type, AsyncSysApi api)
    {
        if (!SymbolNames.IsNamespace(type.ContainingNamespace, "System.Threading"))
        {
            return false;
        }

        bool signal = type.MetadataName switch
        {
            "SemaphoreSlim" => method.Name == "Release",
            "ManualResetEventSlim" => method.Name is "Set" or "Reset",
            "CountdownEvent" => method.Name is "Signal" or "AddCount" or "TryAddCount" or "Reset",
            "SpinLock" => method.Name == "Exit",
            "Thread" => method.Name == "MemoryBarrier",
            _ => false,
        };
        if (!signal)
        {
            return false;
        }

        return type.MetadataName is "SpinLock" or "Thread" || !api.TakesSyncWaitHandles;
    }
}
