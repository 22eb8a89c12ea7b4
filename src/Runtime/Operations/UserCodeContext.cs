using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Puts a thread's own ExecutionContext and SynchronizationContext back after user code ran on it. A ring's threads
/// (the io_uring ring thread, the AIO completion thread, a worker, a thread-pool thread running a batch of
/// deliveries) run awaiters' continuations inline. A continuation registered with <c>UnsafeOnCompleted</c> (or under
/// <see cref="ExecutionContext.SuppressFlow"/>) runs in whatever context the thread has, and what it sets there (an
/// AsyncLocal value, the culture, Activity.Current, a SynchronizationContext) stayed on the thread and was seen by the
/// next operation's continuation, unrelated code (hostile round 7). The thread pool resets its threads after each work
/// item for the same reason.
/// </summary>
internal readonly struct UserCodeContext
{
    private readonly ExecutionContext? _execution;
    private readonly SynchronizationContext? _synchronization;

    private UserCodeContext(ExecutionContext? execution, SynchronizationContext? synchronization)
    {
        _execution = execution;
        _synchronization = synchronization;
    }

    /// <summary>The calling thread's contexts, before user code runs (two field reads).</summary>
    internal static UserCodeContext Save() => new(ExecutionContext.Capture(), SynchronizationContext.Current);

    /// <summary>Puts back what <see cref="Save"/> saw, if the user code changed it (nothing to do otherwise).</summary>
    internal void Restore()
    {
        // Capture is null while flow is suppressed: a thread whose flow was suppressed before the user code ran is left
        // as it was (the ring's threads never are); one the user code suppressed gets its own context back.
        if (_execution is not null && !ReferenceEquals(ExecutionContext.Capture(), _execution))
        {
            ExecutionContext.Restore(_execution);
        }

        if (!ReferenceEquals(SynchronizationContext.Current, _synchronization))
        {
            SynchronizationContext.SetSynchronizationContext(_synchronization);
        }
    }
}
