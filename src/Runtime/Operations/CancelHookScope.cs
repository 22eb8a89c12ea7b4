using System;

namespace AsyncSys.Operations;

/// <summary>
/// Whether the current thread is inside a user's cancel hook. A hook runs under the lock its call needs to leave, so a
/// <see cref="IoRing.Dispose"/> made from a hook must not wait for that call: it would wait for itself until
/// <see cref="IoRingOptions.DisposeTimeout"/> and then abandon a call that had in fact ended.
/// </summary>
internal static class CancelHookScope
{
    [ThreadStatic]
    private static int t_depth;

    /// <summary>True on a thread that is running a cancel hook right now.</summary>
    internal static bool IsInsideHook => t_depth != 0;

    /// <summary>Runs <paramref name="hook"/> marked as a cancel hook on this thread.</summary>
    internal static void Invoke(BlockingCancelHook hook, BlockingCallInfo call)
    {
        t_depth++;
        try
        {
            hook(call);
        }
        finally
        {
            t_depth--;
        }
    }
}
