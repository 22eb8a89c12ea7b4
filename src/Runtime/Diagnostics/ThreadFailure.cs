using System;
using System.Diagnostics.CodeAnalysis;

namespace AsyncSys.Diagnostics;

/// <summary>
/// How one of the ring's own threads (a worker, the readiness lane) ends when its loop throws: a thread that died
/// silently would leave the operations it owned, and every awaiter behind them, waiting forever. The process ends
/// at once with the context needed to find the defect, as System.Net.Sockets' engine and the ring and AIO
/// completion threads do. User code that runs on these threads (offloaded calls, cancel hooks, metrics listeners)
/// is isolated where it runs and never gets here.
/// </summary>
internal static class ThreadFailure
{
    [DoesNotReturn]
    internal static void FailFast(string what, Exception exception) =>
        Environment.FailFast($"AsyncSys: {what}: {exception}", exception);
}
