using System;
using System.Diagnostics;
using System.Threading;
using AsyncSys.Operations;

namespace AsyncSys;

/// <summary>
/// A deadline for an operation that cannot carry an io_uring linked timeout (it runs on a worker, on AIO,
/// or the kernel lacks IORING_OP_LINK_TIMEOUT): a timer that requests cancellation with reason "deadline".
/// The operation owns it and disposes it when it completes, so a finished operation leaves no live timer
/// behind (issue 16, item 11). Deadlines longer than a timer can take (~49.7 days) are re-armed in steps.
/// </summary>
internal sealed class DeadlineTimer : IDisposable
{
    // System.Threading.Timer's largest due time: 0xFFFFFFFE milliseconds.
    internal static readonly TimeSpan LongestStep = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly Operation _operation;
    private readonly ulong _id;
    private readonly long _dueTimestamp;
    private readonly Timer _timer;

    private DeadlineTimer(Operation operation, ulong id, TimeSpan timeout)
    {
        _operation = operation;
        _id = id;
        _dueTimestamp = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _timer = new Timer(static s => ((DeadlineTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Arms a deadline for the operation's current occupant and attaches it to the operation.</summary>
    internal static void Arm(Operation operation) => Arm(operation, TimeSpan.FromTicks(operation.Request.TimeoutTicks));

    /// <summary>Arms a deadline <paramref name="timeout"/> from now (what is left of the request's own, for an operation moved off the ring).</summary>
    internal static void Arm(Operation operation, TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            timeout = TimeSpan.Zero;
        }

        var deadline = new DeadlineTimer(operation, operation.Id, timeout);
        operation.AttachDeadline(deadline); // attached before it can fire: a failure after this point disposes it
        deadline.Schedule(timeout);
    }

    public void Dispose() => _timer.Dispose();

    private void Schedule(TimeSpan remaining) => _timer.Change(remaining < LongestStep ? remaining : LongestStep, Timeout.InfiniteTimeSpan);

    private void Fire()
    {
        TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _dueTimestamp);
        if (remaining > TimeSpan.FromMilliseconds(1) && _operation.Id == _id)
        {
            Schedule(remaining); // a long deadline: one more step (Change on a disposed timer is a no-op)
            return;
        }

        // The generation in the id makes this a no-op if the operation completed and the slot moved on.
        _operation.RequestCancel(CancelReason.Deadline, _id);
    }
}
