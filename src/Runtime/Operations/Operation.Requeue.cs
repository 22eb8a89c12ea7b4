using System;
using System.Threading;

namespace AsyncSys.Operations;

// Moving an operation from a kernel ring to a blocking-call worker, for backends whose kernel interface
// can refuse an operation it was given (Linux AIO: RWF_NOWAIT would block, IOCB_CMD_FSYNC unsupported).
internal sealed partial class Operation
{
    /// <summary>
    /// Moves an operation the kernel gave back without doing it (OnRing, not finished) to the worker queue, so
    /// it runs as a blocking call instead. Its pins and handle reference stay held; its cancellation state is
    /// kept, so a cancel that already arrived makes the worker complete it as cancelled without running it.
    /// </summary>
    /// <returns>False if the operation was not on the ring (already finished, or moved before).</returns>
    internal bool TryRequeueOnWorker()
    {
        if (Interlocked.CompareExchange(ref _phase, (int)OperationPhase.Queued, (int)OperationPhase.OnRing) != (int)OperationPhase.OnRing)
        {
            return false;
        }

        RanOn = IoBackend.Workers;

        // If no worker can take it (the pool is stopping, or no thread could be started) it completes with
        // that error rather than being lost.
        if (Ring.Workers.Dispatch(this) is { } error)
        {
            CompleteWithError(error);
        }
        return true;
    }
}
