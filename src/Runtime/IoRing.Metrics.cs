using System;
using AsyncSys.Diagnostics;
using AsyncSys.Operations;

namespace AsyncSys;

// Hooks from the operation path into metrics and traces.
public sealed partial class IoRing
{
    /// <summary>The name of this ring's metrics and threads (<see cref="IoRingOptions.Name"/>).</summary>
    public string Name => _options.Name;

    partial void OnOperationAdmittedCore(Operation operation) => RingMetrics.OnAdmitted(this, operation);

    partial void OnOperationCompletedCore(Operation operation, int result, Exception? error) => RingMetrics.OnCompleted(this, operation, result, error);

    private static class Metrics
    {
        internal static void QuiesceStarted(IoRing ring)
        {
            if (AsyncSysEventSource.Log.IsEnabled())
            {
                AsyncSysEventSource.Log.QuiesceStart(ring.Name, ring.InFlightCount);
            }
        }

        internal static void QuiesceEnded(IoRing ring, bool drained, TimeSpan elapsed, int stuck)
        {
            if (AsyncSysEventSource.Log.IsEnabled())
            {
                AsyncSysEventSource.Log.QuiesceStop(ring.Name, drained ? 0 : stuck, (int)elapsed.TotalMilliseconds);
            }
        }
    }
}
