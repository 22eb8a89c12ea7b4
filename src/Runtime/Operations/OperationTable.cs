using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Operations;

/// <summary>
/// The fixed-capacity, id-indexed table of operations. A slot is taken when an operation is admitted and
/// given back when its awaiter has taken the result; when all slots are taken, callers wait (backpressure,
/// nothing is dropped).
/// </summary>
/// <remarks>
/// Free slots are a lock-free stack (<see cref="TryPopFree"/>, <see cref="PushFree"/>): every operation takes and gives
/// back a slot, and under a lock all threads submitting to the ring met there (16 loops of short blocking calls on 2
/// cores: 12 % of all samples in the lock, 3 % of them contended). The lock remains for what is rare: callers waiting
/// for a slot, and the admission gate of a quiesce. Both sides of the one race that matters use a full fence: a slot
/// given back while a caller starts to wait is either seen free by that caller, or the caller is seen waiting by
/// whoever gave it back.
/// </remarks>
internal sealed class OperationTable : IDisposable
{
    private readonly Operation[] _slots;
    private readonly int[] _nextFree; // per free slot: index + 1 of the free slot under it (0: none)
    private readonly HotPathLock _lock = new();
    // First come, first served; a waiter that gives up is unlinked at once (issue 16, item 10: kept until a
    // slot freed, 200k cancelled waits held 37 MB).
    private readonly LinkedList<TaskCompletionSource<Operation>> _waiters = new();
    private readonly unsafe byte* _scratch;
    // Low 32 bits: index + 1 of the free slot on top (0: none free). High 32 bits: bumped by every change, so a
    // compare-and-swap fails when the top was taken and given back meanwhile (the ABA case).
    private long _freeTop;
    private int _waiting; // _waiters.Count, readable without the lock
    private int _inFlight;
    private bool _disposed;
    private bool _gateClosed;

    internal unsafe OperationTable(IoRing ring, int capacity)
    {
        Ring = ring;
        _slots = new Operation[capacity];
        _nextFree = new int[capacity];
        _scratch = (byte*)NativeMemory.AlignedAlloc((nuint)capacity * Operation.ScratchSize, 64);
        NativeMemory.Clear(_scratch, (nuint)capacity * Operation.ScratchSize);
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new Operation(this, i, _scratch + ((long)i * Operation.ScratchSize));
        }

        for (int i = capacity - 1; i >= 0; i--)
        {
            PushFree(i); // slot 0 is handed out first
        }
    }

    internal IoRing Ring { get; }

    internal int Capacity => _slots.Length;

    /// <summary>Operations admitted and not yet completed.</summary>
    internal int InFlightCount => Volatile.Read(ref _inFlight);

    /// <summary>Callers waiting for a free slot.</summary>
    internal int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>The slot at <paramref name="index"/>, for enumeration.</summary>
    internal Operation this[int index] => _slots[index];

    /// <summary>Finds the operation a kernel completion belongs to; null when the id is stale (the slot moved on).</summary>
    internal Operation? Find(ulong id)
    {
        uint index = (uint)id;
        if (index >= (uint)_slots.Length)
        {
            return null;
        }

        Operation operation = _slots[index];
        return operation.Id == id ? operation : null;
    }

    /// <summary>Takes a free slot without waiting: false when none is free, callers wait in line, or admission is closed.</summary>
    /// <param name="operation">The slot taken.</param>
    /// <param name="onCompletionThread">
    /// The caller is the ring's completion thread, the only thread that counts there: its admissions are counted without
    /// an interlocked step (<see cref="AdmittedTotal"/> adds both counts).
    /// </param>
    internal bool TryRent(out Operation operation, bool onCompletionThread = false)
    {
        operation = null!;
        if (Volatile.Read(ref _waiting) != 0 || !IsAdmitting || !TryPopFree(out int index))
        {
            return false; // the caller waits in line (RentAsync), behind whoever waits already
        }

        Operation rented = _slots[index];
        rented.OnRent();

        // Counted in flight (a full fence), then the gate read again: a quiesce closes the gate, fences, then reads the
        // count (CloseGate), so either it waits for this operation or this sees the gate closed and gives the slot back.
        Interlocked.Increment(ref _inFlight);
        if (!IsAdmitting)
        {
            rented.ResetUnused();
            LeaveInFlight();
            Return(rented);
            return false;
        }

        if (onCompletionThread)
        {
            Volatile.Write(ref _admittedOnCompletionThread, _admittedOnCompletionThread + 1);
        }
        else
        {
            Interlocked.Increment(ref _admittedTotal);
        }

        operation = rented;
        return true;
    }

    private bool IsAdmitting => !Volatile.Read(ref _gateClosed) && !Volatile.Read(ref _disposed);

    /// <summary>Takes the free slot on top, if any.</summary>
    private bool TryPopFree(out int index)
    {
        long top = Volatile.Read(ref _freeTop);
        while (true)
        {
            int first = (int)top;
            if (first == 0)
            {
                index = -1;
                return false;
            }

            // A stale read of the next slot is harmless: the swap fails, because whoever changed the stack bumped its count.
            long next = NextTop(top, Volatile.Read(ref _nextFree[first - 1]));
            long seen = Interlocked.CompareExchange(ref _freeTop, next, top);
            if (seen == top)
            {
                index = first - 1;
                return true;
            }

            top = seen;
        }
    }

    /// <summary>The free stack's word after a change from <paramref name="top"/>: the count bumped, <paramref name="first"/> (index + 1, or 0) on top.</summary>
    private static long NextTop(long top, int first) => (long)((ulong)(top + (1L << 32)) & 0xFFFF_FFFF_0000_0000UL) | (uint)first;

    /// <summary>Puts slot <paramref name="index"/> on top of the free stack (a full fence).</summary>
    private void PushFree(int index)
    {
        long top = Volatile.Read(ref _freeTop);
        while (true)
        {
            _nextFree[index] = (int)top;
            long next = NextTop(top, index + 1);
            long seen = Interlocked.CompareExchange(ref _freeTop, next, top);
            if (seen == top)
            {
                return;
            }

            top = seen;
        }
    }

    /// <summary>Whether <see cref="Close"/> has run (the ring is being disposed); read without the lock.</summary>
    internal bool IsClosed => Volatile.Read(ref _disposed);

    /// <summary>Whether admission is closed by a quiesce.</summary>
    internal bool IsGateClosed
    {
        get
        {
            lock (_lock)
            {
                return _gateClosed;
            }
        }
    }

    /// <summary>
    /// Closes admission: from the moment this returns no operation is admitted (callers wait in line) until
    /// <see cref="OpenGate"/>. Under the same lock as renting, so nothing slips past it.
    /// </summary>
    /// <returns>False if the gate was already closed.</returns>
    internal bool CloseGate()
    {
        lock (_lock)
        {
            if (_gateClosed)
            {
                return false;
            }

            _gateClosed = true;
        }

        // Full fence: an operation run without a slot counts itself, then reads the gate; the quiesce that closed it
        // reads that count after this (see TryEnterWithoutSlot). Either it sees the gate closed or it is counted.
        Interlocked.MemoryBarrier();
        return true;
    }

    /// <summary>Reopens admission and hands free slots to the callers that waited meanwhile.</summary>
    internal void OpenGate()
    {
        lock (_lock)
        {
            _gateClosed = false;
        }

        HandFreeSlotsToWaiters();
    }

    /// <summary>Admits the longest waiters into free slots, as long as both remain and admission is open.</summary>
    private void HandFreeSlotsToWaiters()
    {
        while (true)
        {
            TaskCompletionSource<Operation> waiter;
            Operation operation;
            lock (_lock)
            {
                if (_waiters.Count == 0 || !IsAdmitting || !TryPopFree(out int index))
                {
                    return;
                }

                waiter = _waiters.First!.Value;
                _waiters.RemoveFirst();
                Volatile.Write(ref _waiting, _waiters.Count);
                operation = _slots[index];
                Admit(operation);
            }

            if (!waiter.TrySetResult(operation))
            {
                // That waiter was cancelled; undo and offer the slot to the next one.
                operation.ResetUnused();
                LeaveInFlight();
                PushFree(operation.Index);
            }
        }
    }

    /// <summary>Waits for a free slot (first come, first served).</summary>
    internal async ValueTask<Operation> RentAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Operation> waiter;
        LinkedListNode<TaskCompletionSource<Operation>> node;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, Ring);
            if (!_gateClosed && TryPopFree(out int index))
            {
                Operation operation = _slots[index];
                Admit(operation);
                return operation;
            }

            waiter = new TaskCompletionSource<Operation>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);

            // Full fence, then look at the free stack again: a slot given back just now, by a Return that read the
            // waiting count before this write, would otherwise stay free while this caller waits.
            Interlocked.Exchange(ref _waiting, _waiters.Count);
            if (!_gateClosed && TryPopFree(out index))
            {
                _waiters.Remove(node);
                Volatile.Write(ref _waiting, _waiters.Count);
                Operation operation = _slots[index];
                Admit(operation);
                return operation;
            }
        }

        using (cancellationToken.UnsafeRegister(static s => ((WaiterNode)s!).GiveUp(), new WaiterNode(this, node)))
        {
            Operation operation = await waiter.Task.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                // Handed a slot just as the caller gave up: give it back unused.
                Unadmit(operation);
                cancellationToken.ThrowIfCancellationRequested();
            }

            return operation;
        }
    }

    /// <summary>A waiter's cancellation: unlinks it (if no slot was handed to it yet) and fails its wait.</summary>
    private sealed class WaiterNode(OperationTable table, LinkedListNode<TaskCompletionSource<Operation>> node)
    {
        internal void GiveUp()
        {
            lock (table._lock)
            {
                if (node.List is not null)
                {
                    table._waiters.Remove(node);
                    Volatile.Write(ref table._waiting, table._waiters.Count);
                }
            }

            // If a slot was handed over first, this fails and RentAsync gives the slot back.
            node.Value.TrySetCanceled();
        }
    }

    /// <summary>Operations ever admitted, with or without a slot (read under no lock: for tests and diagnostics).</summary>
    internal long AdmittedTotal => Volatile.Read(ref _admittedTotal) + Volatile.Read(ref _admittedOnCompletionThread) + (Volatile.Read(ref _withoutSlot) >> WithoutSlotTotalShift);

    private long _admittedTotal;

    // Admitted by the completion thread itself (TryRent): written by that thread alone, so a plain add.
    private long _admittedOnCompletionThread;

    // Operations done on their caller's thread without a slot (IoRing.TryCompleteWithoutSlot): the low 32 bits count
    // those running now, the high bits all that ever ran. One atomic add counts both, so this path pays one add to
    // enter and one to leave.
    private long _withoutSlot;
    private const int WithoutSlotTotalShift = 32;
    private const long EnterWithoutSlot = 1 + (1L << WithoutSlotTotalShift);

    /// <summary>Operations running without a slot right now: a quiesce waits for them as for the ones in flight.</summary>
    internal int RunningWithoutSlot => (int)Volatile.Read(ref _withoutSlot);

    /// <summary>What a quiesce waits for: operations in flight and operations running without a slot.</summary>
    internal int DrainCount => InFlightCount + RunningWithoutSlot;

    /// <summary>
    /// Counts an operation about to run on its caller's thread without a slot, unless admission is closed (a quiesce):
    /// then it is not counted and must take the full path, which waits in line or fails fast. Pair with
    /// <see cref="LeaveWithoutSlot"/>.
    /// </summary>
    internal bool TryEnterWithoutSlot()
    {
        // The add is a full fence before the gate is read; CloseGate fences after closing it, before its drain
        // check reads the count (Dekker): a quiesce either sees this operation counted or this sees the gate closed.
        Interlocked.Add(ref _withoutSlot, EnterWithoutSlot);
        if (!Volatile.Read(ref _gateClosed) && !Volatile.Read(ref _disposed))
        {
            return true;
        }

        Interlocked.Add(ref _withoutSlot, -EnterWithoutSlot);
        Ring.OnInFlightDrained(); // a quiesce that saw this count waits for it to go
        return false;
    }

    /// <summary>Ends an operation counted by <see cref="TryEnterWithoutSlot"/>.</summary>
    /// <param name="completed">True if it completed there; false if it goes on to the full path, where it is admitted (counted once, there).</param>
    internal void LeaveWithoutSlot(bool completed)
    {
        // A quiesce (gate closed) or a Dispose (disposed) waits for these too.
        if ((int)Interlocked.Add(ref _withoutSlot, completed ? -1 : -EnterWithoutSlot) == 0 && (Volatile.Read(ref _gateClosed) || Volatile.Read(ref _disposed)))
        {
            Ring.OnInFlightDrained();
        }
    }

    // Called under _lock (TryRent admits on its own, without it).
    private void Admit(Operation operation)
    {
        Interlocked.Increment(ref _admittedTotal);
        operation.OnRent();
        Interlocked.Increment(ref _inFlight);
    }

    /// <summary>Gives back a slot that was rented but never started (argument error, cancelled while waiting).</summary>
    internal void Unadmit(Operation operation)
    {
        operation.ResetUnused();
        LeaveInFlight();
        Return(operation);
    }

    // Every way out of "in flight" wakes whoever waits for the count to reach zero (a Dispose or a quiesce);
    // a rollback that did not would leave Dispose waiting its whole timeout (issue 16, found by reading).
    private void LeaveInFlight()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Ring.OnInFlightDrained();
        }
    }

    /// <summary>Called exactly once per admitted operation, when its completion is delivered.</summary>
    internal void OnCompleted(Operation operation, int result, Exception? error)
    {
        Interlocked.Decrement(ref _inFlight);
        Ring.OnOperationCompleted(operation, result, error);
    }

    /// <summary>Puts a slot back: on the free stack, then to the longest waiter if there is one.</summary>
    internal void Return(Operation operation)
    {
        PushFree(operation.Index); // a full fence before the waiting count is read (see RentAsync)
        if (Volatile.Read(ref _waiting) != 0)
        {
            HandFreeSlotsToWaiters();
        }
    }

    /// <summary>A snapshot of the operations admitted and not completed.</summary>
    internal void ForEachInFlight<TState>(TState state, Action<Operation, TState> action)
    {
        foreach (Operation operation in _slots)
        {
            OperationPhase phase = operation.Phase;
            if (phase is OperationPhase.Queued or OperationPhase.OnRing or OperationPhase.OnWorker)
            {
                action(operation, state);
            }
        }
    }

    /// <summary>Stops handing out slots; waiters fail with <see cref="ObjectDisposedException"/>.</summary>
    internal void Close()
    {
        List<TaskCompletionSource<Operation>> waiters;
        lock (_lock)
        {
            _disposed = true;
            waiters = new List<TaskCompletionSource<Operation>>(_waiters);
            _waiters.Clear();
            Volatile.Write(ref _waiting, 0);
        }

        foreach (TaskCompletionSource<Operation> waiter in waiters)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(IoRing)));
        }
    }

    /// <summary>
    /// Keeps the slots' native scratch memory for the life of the process: an operation was abandoned while the kernel
    /// held it (<see cref="Operation.Abandon"/>), and the kernel may still write into its scratch (accept's address
    /// length, for one).
    /// </summary>
    internal void HoldScratchForKernel() => Volatile.Write(ref _scratchHeldByKernel, true);

    private bool _scratchHeldByKernel;

    /// <summary>Frees the slots' native memory; only called when nothing is in flight (else it is left, on purpose).</summary>
    public unsafe void Dispose()
    {
        Close();
        if (!Volatile.Read(ref _scratchHeldByKernel))
        {
            NativeMemory.AlignedFree(_scratch);
        }
    }
}
