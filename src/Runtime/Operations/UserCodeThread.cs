using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Puts back what user code run on one of a ring's own threads (the io_uring ring thread, the Linux AIO completion
/// thread, a blocking-call worker, the readiness lane, the delivery thread) may have changed on the thread itself, as
/// the thread pool does to its threads after each work item. A continuation that made such a thread a foreground
/// thread kept the process from exiting after Main returned for as long as the ring lived (IoRing.Shared: for good;
/// hostile round 12); one that lowered its priority slowed every later completion of the ring.
/// </summary>
internal static class UserCodeThread
{
    /// <summary>
    /// Called by the thread itself between pieces of user code: where it is about to wait, and on a worker after each job
    /// (a blocking call, which costs far more). Never per operation on the ring's hot path. Three reads of the thread's
    /// state when nothing changed.
    /// </summary>
    internal static void Reset(Thread self, string name)
    {
        if (!self.IsBackground)
        {
            self.IsBackground = true;
        }

        if (self.Priority != ThreadPriority.Normal)
        {
            self.Priority = ThreadPriority.Normal;
        }

        if (!ReferenceEquals(self.Name, name))
        {
            self.Name = name;
        }
    }
}
