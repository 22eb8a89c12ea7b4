using System;
using System.Threading;
using AsyncSys.Operations;

namespace AsyncSys;

/// <summary>
/// A deadline for an operation that cannot carry an io_uring linked timeout (it runs on a worker, on AIO,
/// or the kernel lacks IORING_OP_LINK_TIMEOUT): a timer that requests cancellation with reason "deadline".
/// </summary>
internal static class DeadlineTimer
{
    internal static void Arm(Operation operation)
    {
        ulong id = operation.Id;
        var state = new DeadlineState(operation, id);
        state.Timer = new Timer(static s => ((DeadlineState)s!).Fire(), state, TimeSpan.FromTicks(operation.Request.TimeoutTicks), Timeout.InfiniteTimeSpan);
    }

    private sealed class DeadlineState(Operation operation, ulong id)
    {
        internal Timer? Timer;

        internal void Fire()
        {
            // The generation in id makes this a no-op if the operation completed and the slot moved on.
            operation.RequestCancel(Operation.CancelByDeadline, id);
            Timer?.Dispose();
        }
    }
}
