namespace AsyncSys.Operations;

/// <summary>
/// Whether the current thread is running the body of a user's blocking call (<see cref="IoRing.RunBlockingAsync{TState}"/>
/// or a generated worker variant). A body that disposes its ring (a "stop everything" path, or a ProcessExit handler that
/// runs inside it) must not make <see cref="IoRing.Dispose"/> wait for the drain: the call it is running is one of the
/// operations the drain waits for, so it would wait for itself until <see cref="IoRingOptions.DisposeTimeout"/> and then
/// abandon a call that was about to end.
/// </summary>
internal static class BlockingCallScope
{
    [System.ThreadStatic]
    private static int t_depth;

    /// <summary>True on a thread that is running a blocking call's body right now.</summary>
    internal static bool IsInsideCall => t_depth != 0;

    /// <summary>Marks the start of a body on this thread (before errno is cleared for it).</summary>
    internal static void Enter() => t_depth++;

    /// <summary>Marks its end (after its errno was captured).</summary>
    internal static void Exit() => t_depth--;
}
