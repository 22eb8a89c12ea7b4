using System.Collections.Concurrent;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Up to <see cref="Size"/> finished operations whose awaiters resume together on one thread-pool work item.
/// One pool wake-up per batch instead of one per completion; small enough that one slow continuation
/// delays only a few others.
/// </summary>
internal sealed class DeliveryBatch : IThreadPoolWorkItem
{
    internal const int Size = 8;

    private static readonly ConcurrentQueue<DeliveryBatch> Pool = new();
    private readonly Operation?[] _items = new Operation?[Size];
    private int _count;
    private CompletionDelivery? _owner;

    internal static DeliveryBatch Rent(CompletionDelivery owner)
    {
        DeliveryBatch batch = Pool.TryDequeue(out DeliveryBatch? pooled) ? pooled : new DeliveryBatch();
        batch._owner = owner;
        return batch;
    }

    internal int Count => _count;

    /// <summary>Adds an operation; true when the batch is full and should be queued.</summary>
    internal bool Add(Operation operation)
    {
        _items[_count++] = operation;
        return _count == Size;
    }

    internal void Queue()
    {
        _owner!.OnBatchQueued(_count);
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Execute()
    {
        int count = _count;
        for (int i = 0; i < count; i++)
        {
            Operation operation = _items[i]!;
            _items[i] = null;
            operation.Deliver(runContinuationInline: true);
        }

        _count = 0;
        CompletionDelivery owner = _owner!;
        _owner = null;
        Pool.Enqueue(this);
        owner.OnBatchDone(count); // after every continuation of the batch ran (and submitted whatever it submits)
    }
}
