using System;
using System.Threading;

namespace AsyncSys;

// Lifetime: a public call keeps the backend alive for its whole duration (invariant 9). Dispose can run on
// another thread at any moment; the disposed check at the start of a call is not enough, because Dispose
// would otherwise unmap the ring under a call that already passed it (issue 16, item 1).
public sealed partial class IoRing
{
    // One reference for the ring itself, released by Dispose once everything is drained and the completion
    // thread has stopped, plus one per call in progress. Whoever drops it to zero frees the native memory, so
    // the free never happens under a call that still uses it, and nobody ever waits for a lease (a call may
    // run user code, such as a cancel hook or an inline continuation, that disposes the ring itself).
    private int _leases = 1;

    // Set by Dispose before it drops the ring's own reference: whether the native memory may be freed (not
    // when the kernel may still write into it, see Abandoned).
    private bool _freeNativeMemory;

    /// <summary>Takes a lease unless the ring is disposed; the caller must dispose the returned lease.</summary>
    /// <exception cref="ObjectDisposedException">The ring is disposed (or being disposed).</exception>
    internal CallLease EnterCall()
    {
        if (Volatile.Read(ref _disposeState) != 0 || !TryEnterCall())
        {
            throw new ObjectDisposedException(nameof(IoRing), "The ring is disposed; it admits no more operations.");
        }

        return new CallLease(this);
    }

    /// <summary>
    /// Takes a lease for internal work on an operation already admitted (a cancel, a deferred start): works during
    /// disposal, fails only once the native memory is gone, when nothing is left in flight to act on.
    /// </summary>
    internal bool TryEnterCall()
    {
        int current = Volatile.Read(ref _leases);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _leases, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    internal void ExitCall()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _freeNativeMemory))
        {
            RingBackend.Dispose();
            Table.Dispose();
            Volatile.Write(ref _nativeMemoryFreed, true);
        }
    }

    private bool _nativeMemoryFreed;

    /// <summary>Whether the disposal freed the native memory (false while it is in use or when it was left allocated; tests).</summary>
    internal bool NativeMemoryFreed => Volatile.Read(ref _nativeMemoryFreed);

    /// <summary>Asks the backend to cancel <paramref name="id"/>, under a lease (a deadline timer or a late token callback may call it at any time).</summary>
    internal void SendCancel(Operations.Operation operation, ulong id)
    {
        if (!TryEnterCall())
        {
            return; // freed: the operation completed long ago
        }

        try
        {
            RingBackend.Cancel(operation, id);
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>A lease held for the duration of a public call.</summary>
    internal readonly struct CallLease : IDisposable
    {
        private readonly IoRing _ring;

        internal CallLease(IoRing ring) => _ring = ring;

        public void Dispose() => _ring.ExitCall();
    }
}
