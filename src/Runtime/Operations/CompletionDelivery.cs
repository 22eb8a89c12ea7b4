namespace AsyncSys.Operations;

/// <summary>
/// How a backend's completion thread resumes awaiters: inline on that thread (IoRingOptions.InlineContinuations),
/// or in thread-pool batches of <see cref="DeliveryBatch.Size"/>. Used only by the one completion thread.
/// </summary>
internal sealed class CompletionDelivery
{
    private readonly bool _inline;
    private DeliveryBatch? _batch;

    internal CompletionDelivery(bool inline) => _inline = inline;

    /// <summary>Resumes the awaiter of an operation finished with <see cref="Operation.TryFinish(int)"/> (now, or with its batch).</summary>
    internal void Deliver(Operation operation)
    {
        if (_inline)
        {
            operation.Deliver(runContinuationInline: true);
            return;
        }

        _batch ??= DeliveryBatch.Rent();
        if (_batch.Add(operation))
        {
            _batch.Queue();
            _batch = null;
        }
    }

    /// <summary>Queues the partly filled batch: call at the end of each reaping pass.</summary>
    internal void Flush()
    {
        if (_batch is { Count: > 0 } batch)
        {
            batch.Queue();
            _batch = null;
        }
    }
}
