using System.Diagnostics.Tracing;

namespace AsyncSys.Diagnostics;

/// <summary>
/// Trace events (EventSource "AsyncSys"): ring lifecycle, quiesce, failures. Collect with
/// <c>dotnet-trace collect -n &lt;process&gt; --providers AsyncSys</c>.
/// </summary>
[EventSource(Name = "AsyncSys")]
internal sealed class AsyncSysEventSource : EventSource
{
    internal static readonly AsyncSysEventSource Log = new();

    [Event(1, Level = EventLevel.Informational, Message = "Ring {0} runs on {1}")]
    public void RingCreated(string ring, string backend) => WriteEvent(1, ring, backend);

    [Event(2, Level = EventLevel.Warning, Message = "Ring {0}: {1} failed with {2}")]
    public void OperationFailed(string ring, string operation, string errno) => WriteEvent(2, ring, operation, errno);

    [Event(3, Level = EventLevel.Informational, Message = "Ring {0} quiescing with {1} in flight")]
    public void QuiesceStart(string ring, int inFlight) => WriteEvent(3, ring, inFlight);

    [Event(4, Level = EventLevel.Informational, Message = "Ring {0} quiesced: {1} still in flight after {2} ms")]
    public void QuiesceStop(string ring, int stillInFlight, int elapsedMilliseconds) => WriteEvent(4, ring, stillInFlight, elapsedMilliseconds);

    [Event(5, Level = EventLevel.Error, Message = "Ring {0} disposed with {1} operations abandoned (the kernel never answered)")]
    public void DisposeAbandoned(string ring, int count) => WriteEvent(5, ring, count);

    [Event(6, Level = EventLevel.Error, Message = "Ring {0}: a {1} threw {2}: {3} (isolated; the ring carries on)")]
    public void UserCallbackFailed(string ring, string callback, string exceptionType, string message) => WriteEvent(6, ring, callback, exceptionType, message);

    [Event(7, Level = EventLevel.Error, Message = "Ring {0}: its wake eventfd {1} was closed by someone else and the number reused; it is no longer written (the ring polls instead)")]
    public void WakeDescriptorLost(string ring, int fd) => WriteEvent(7, ring, fd);

    [Event(8, Level = EventLevel.Warning, Message = "Ring {0}: code on the ring thread ran {1} ms (every operation of the ring waited); awaiters not bound to the ring resume on the thread pool for {2} ms")]
    public void LongContinuation(string ring, double milliseconds, int poolMilliseconds) => WriteEvent(8, ring, milliseconds, poolMilliseconds);

    [Event(9, Level = EventLevel.Informational, Message = "Ring {0}: continuations run on the ring thread again after {1} ms on the thread pool")]
    public void InlineDeliveryRestored(string ring, int poolMilliseconds) => WriteEvent(9, ring, poolMilliseconds);

    [Event(10, Level = EventLevel.Error, Message = "Ring {0}: io_uring_enter failed for good with {1} while {2} operations were in flight; later operations run on the blocking-call workers")]
    public void RingFailed(string ring, string errno, int inFlight) => WriteEvent(10, ring, errno, inFlight);

    [Event(11, Level = EventLevel.Error, Message = "Ring {0}: {1} operations the kernel took before the ring failed were abandoned (their buffers stay pinned: the kernel may still write into them)")]
    public void AbandonedAfterFailure(string ring, int count) => WriteEvent(11, ring, count);

    [Event(12, Level = EventLevel.Error, Message = "Ring {0}: code on the ring thread has run for {1} ms and has not returned; no operation of the ring completes until it does (does it wait synchronously for this ring, or dispose a Socket one of its operations uses?)")]
    public void RingThreadStalled(string ring, long milliseconds) => WriteEvent(12, ring, milliseconds);

    [Event(13, Level = EventLevel.Warning, Message = "Ring {0}: a {1} asked to cancel is still running after its cancel was sent {2} more times (the kernel last answered {3}); it ends when the kernel completes it")]
    public void CancelUnanswered(string ring, string operation, int retries, string answer) => WriteEvent(13, ring, operation, retries, answer);
}
