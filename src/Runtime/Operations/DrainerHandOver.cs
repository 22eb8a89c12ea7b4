using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// One drainer's timed wait for the completion thread to hand it the next awaiters (<see cref="PoolDelivery"/>), on a
/// futex: neither side takes a lock, and the completion thread makes a system call only when the drainer sleeps.
/// </summary>
/// <remarks>
/// A first version waited with <c>Monitor.Wait</c>/<c>Monitor.Pulse</c> under a lock both sides took. In perf (4 KiB
/// O_DIRECT reads at 32 in flight, 2 cores) the ring thread then blocked on that lock and on the runtime's own mutex
/// behind it (futex waits, 11 % of the ring thread's samples) whenever the woken drainer held them: the thread that must
/// never wait waited for the one it had just woken.
/// </remarks>
internal sealed unsafe class DrainerHandOver
{
    private const int Free = 0;
    private const int Waiting = 1;
    private const int HandedOver = 2;

    // FUTEX_WAIT_PRIVATE and FUTEX_WAKE_PRIVATE: the word is this process's own.
    private const long FutexWaitPrivate = 0 | 128;
    private const long FutexWakePrivate = 1 | 128;

    // The futex word: its address must not move (pinned object heap), and it lives as long as a waiter holds this object.
    private readonly int[] _state = System.GC.AllocateArray<int>(1, pinned: true);

    /// <summary>Whether the futex system call is available (the architectures whose numbers AsyncSys knows).</summary>
    internal static bool IsSupported => Syscalls.IsSupportedPlatform;

    /// <summary>Completion thread: whether the drainer was handed awaiters and has not taken them yet.</summary>
    internal bool IsHandedOver => Volatile.Read(ref _state[0]) == HandedOver;

    /// <summary>Completion thread: whether a drainer waits now (a hint: <see cref="TryHandOver"/> decides).</summary>
    internal bool IsWaiting => Volatile.Read(ref _state[0]) == Waiting;

    /// <summary>Drainer: becomes the one that waits; false when another does. Full fence.</summary>
    internal bool TryBeginWait() => Interlocked.CompareExchange(ref _state[0], Waiting, Free) == Free;

    /// <summary>
    /// Drainer, after <see cref="TryBeginWait"/>: sleeps until handed over, or <paramref name="microseconds"/> pass, or a
    /// signal interrupts the wait. Returns at once when it was handed over already.
    /// </summary>
    internal void Wait(int microseconds)
    {
        long* timeout = stackalloc long[2];
        timeout[0] = microseconds / 1_000_000;
        timeout[1] = (microseconds % 1_000_000) * 1000L;
        fixed (int* word = _state)
        {
            // Sleeps only while the word still says Waiting (else EAGAIN at once): a hand-over between TryBeginWait and
            // this call is never missed. Timeout, EINTR and a wake all end the same way: the caller looks at the queue.
            Syscalls.Invoke(Syscalls.Futex, (long)word, FutexWaitPrivate, Waiting, (long)timeout);
        }
    }

    /// <summary>Drainer: stops waiting, handed over or not. Full fence: the caller's next look at the queue comes after it.</summary>
    internal void EndWait() => Interlocked.Exchange(ref _state[0], Free);

    /// <summary>Completion thread: hands the queue to the waiting drainer and wakes it; false when none waits.</summary>
    internal bool TryHandOver()
    {
        if (Interlocked.CompareExchange(ref _state[0], HandedOver, Waiting) != Waiting)
        {
            return false;
        }

        fixed (int* word = _state)
        {
            Syscalls.Invoke(Syscalls.Futex, (long)word, FutexWakePrivate, 1);
        }

        return true;
    }
}
