using System.Collections.Concurrent;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Finished operations whose awaiters resume on the thread pool: a queue that thread-pool work items drain, with at
/// most one work item requested and not yet started at a time (one pool wake-up serves many completions), as
/// System.Net.Sockets' event loop hands socket completions to the pool.
/// </summary>
/// <remarks>
/// Before a thread resumes an awaiter while more wait in the queue, it makes sure another work item is on its way: a
/// continuation that blocks then holds up nobody else. Fixed batches of 8 did not: a continuation that waited
/// synchronously for another operation finished in the same pass (<c>task.Wait()</c>, <c>.Result</c>) waited for
/// ever, because that operation's awaiter was next in its own batch, on its own thread (36 rounds in 50 of 8 Nops
/// submitted together waited their whole 2 s timeout).
/// </remarks>
internal sealed class PoolDelivery : IThreadPoolWorkItem
{
    // How many awaiters one work item resumes before it hands the rest to a new one: other pool work gets its turn.
    private const int PerWorkItem = 64;

    // A pass of completions asks for a work item after this many, without waiting for the pass to end: the first
    // awaiters resume (and submit again) while the ring thread is still reaping.
    private const int RequestEvery = 8;

    private readonly ConcurrentQueue<Operation> _ready = new();
    private int _requested; // 1 while a work item is queued and has not started
    private int _addedThisPass;
    private int _awaiters;

    /// <summary>
    /// Awaiters queued here whose continuation has not finished yet. Many of them will submit again as soon as they run:
    /// the ring thread waits for them to submit a round in one io_uring_enter.
    /// </summary>
    internal int Awaiters => Volatile.Read(ref _awaiters);

    /// <summary>Completion thread: queues an awaiter to resume on the pool.</summary>
    internal void Add(Operation operation)
    {
        Interlocked.Increment(ref _awaiters);
        _ready.Enqueue(operation);
        if (++_addedThisPass % RequestEvery == 0)
        {
            RequestWorkItem();
        }
    }

    /// <summary>Completion thread, at the end of a reaping pass: makes sure what it queued will run.</summary>
    internal void EndPass()
    {
        if (_addedThisPass != 0)
        {
            _addedThisPass = 0;
            RequestWorkItem();
        }
    }

    private void RequestWorkItem()
    {
        if (Volatile.Read(ref _requested) == 0 && Interlocked.Exchange(ref _requested, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void Execute()
    {
        // Full fence: from here an Add that finds no work item requested asks for one, and this one looks at the queue
        // after clearing the flag, so nothing queued is left without a thread to run it.
        Interlocked.Exchange(ref _requested, 0);
        for (int resumed = 0; _ready.TryDequeue(out Operation? operation); resumed++)
        {
            if (resumed == PerWorkItem)
            {
                _ready.Enqueue(operation); // order within the queue does not matter: each awaiter is independent
                RequestWorkItem();
                return;
            }

            if (!_ready.IsEmpty)
            {
                RequestWorkItem(); // if this continuation blocks, the rest resume on another thread
            }

            operation.Deliver(runContinuationInline: true);
            Interlocked.Decrement(ref _awaiters); // after the continuation ran (and submitted whatever it submits)
        }
    }
}
