using System;
using System.Threading;

namespace AsyncSys.Diagnostics;

/// <summary>
/// User code the runtime calls (cancel hooks, metrics listeners) runs isolated: an exception it throws is
/// counted (metric <c>asyncsys.callbacks.failed</c>) and reported (EventSource event UserCallbackFailed), and
/// the ring carries on. It is never rethrown into a ring or worker thread (that would end the process) nor
/// into Dispose or CancelAll (that would leave the ring half-disposed).
/// </summary>
internal static class UserCallbacks
{
    private static long _failures;

    /// <summary>User callbacks that threw, since the process started.</summary>
    internal static long Failures => Interlocked.Read(ref _failures);

    /// <summary>Counts and reports an exception thrown by <paramref name="callback"/> on ring <paramref name="ring"/>.</summary>
    internal static void Report(string ring, string callback, Exception exception)
    {
        Interlocked.Increment(ref _failures);
        if (AsyncSysEventSource.Log.IsEnabled())
        {
            // EventSource does not let a failing EventListener throw back into WriteEvent.
            AsyncSysEventSource.Log.UserCallbackFailed(ring, callback, exception.GetType().FullName ?? "Exception", exception.Message);
        }
    }
}
