using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace AsyncSys;

/// <summary>
/// A pool of native buffers aligned for direct I/O (O_DIRECT). Each rented buffer is an
/// <see cref="IMemoryOwner{T}"/>: dispose it to give the memory back. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Memory comes from <see cref="NativeMemory.AlignedAlloc"/>, so it never moves and never needs GC pinning.
/// Capacities are powers of two (at least <see cref="Alignment"/>); a returned buffer is kept for reuse up to
/// <c>maxRetainedPerSize</c> per capacity, beyond that (and above 64 MiB) it is freed.</para>
/// <para>Disposing an owner while an operation still has its memory pinned (an I/O in flight) is safe: the memory
/// goes back to the pool only when the last pin is released, so the kernel never writes into a buffer someone
/// else has rented.</para>
/// </remarks>
public sealed class AlignedBufferPool
{
    private const int MaxPooledLog2 = 26; // 64 MiB
    private readonly ConcurrentQueue<nint>[] _buckets = new ConcurrentQueue<nint>[MaxPooledLog2 + 1];
    private readonly int[] _retained = new int[MaxPooledLog2 + 1];
    private readonly int _maxRetainedPerSize;

    /// <summary>Creates a pool.</summary>
    /// <param name="alignment">Address alignment of every buffer, a power of two; default 4096 (a page), which satisfies every device's O_DIRECT rule.</param>
    /// <param name="maxRetainedPerSize">How many returned buffers of each capacity to keep for reuse.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alignment"/> is not a positive power of two, or <paramref name="maxRetainedPerSize"/> is negative.</exception>
    public AlignedBufferPool(int alignment = 4096, int maxRetainedPerSize = 32)
    {
        if (!DirectIo.IsPowerOfTwo(alignment))
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "The alignment must be a positive power of two.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedPerSize);
        Alignment = alignment;
        _maxRetainedPerSize = maxRetainedPerSize;
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new ConcurrentQueue<nint>();
        }
    }

    /// <summary>A process-wide pool with 4096-byte alignment.</summary>
    public static AlignedBufferPool Shared { get; } = new();

    /// <summary>The address alignment of every buffer, in bytes.</summary>
    public int Alignment { get; }

    /// <summary>Rents a buffer of exactly <paramref name="length"/> bytes (contents unspecified) at an aligned address.</summary>
    /// <param name="length">The length; for O_DIRECT, a multiple of the file's <see cref="DirectFileHandle.OffsetAlignment"/>.</param>
    /// <returns>The owner; its <see cref="IMemoryOwner{T}.Memory"/> is the buffer. Dispose it to return the memory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="OutOfMemoryException">The aligned allocation failed.</exception>
    public IMemoryOwner<byte> Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int capacity = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, Alignment)), int.MaxValue);
        int bucket = BitOperations.Log2((uint)capacity);
        nint memory = 0;
        if (bucket <= MaxPooledLog2 && _buckets[bucket].TryDequeue(out memory))
        {
            Interlocked.Decrement(ref _retained[bucket]);
        }
        else
        {
            unsafe
            {
                memory = (nint)NativeMemory.AlignedAlloc((nuint)capacity, (nuint)Alignment);
            }
        }

        return new Owner(this, memory, length, bucket);
    }

    private unsafe void Return(nint memory, int bucket)
    {
        if (bucket <= MaxPooledLog2 && Interlocked.Increment(ref _retained[bucket]) <= _maxRetainedPerSize)
        {
            _buckets[bucket].Enqueue(memory);
            return;
        }

        if (bucket <= MaxPooledLog2)
        {
            Interlocked.Decrement(ref _retained[bucket]);
        }

        NativeMemory.AlignedFree((void*)memory);
    }

    /// <summary>One rented buffer: a <see cref="MemoryManager{T}"/> over native memory that counts its pins.</summary>
    private sealed unsafe class Owner : MemoryManager<byte>
    {
        private const int Disposed = 1 << 30;
        private readonly AlignedBufferPool _pool;
        private readonly nint _memory;
        private readonly int _length;
        private readonly int _bucket;

        // Pin count, plus the Disposed bit once the owner is disposed. The memory goes back to the pool exactly
        // once: when disposed with no pins, or when the last pin is released after that.
        private int _state;

        internal Owner(AlignedBufferPool pool, nint memory, int length, int bucket)
        {
            _pool = pool;
            _memory = memory;
            _length = length;
            _bucket = bucket;
        }

        public override Span<byte> GetSpan()
        {
            ObjectDisposedException.ThrowIf((Volatile.Read(ref _state) & Disposed) != 0, this);
            return new Span<byte>((void*)_memory, _length);
        }

        public override MemoryHandle Pin(int elementIndex = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
            while (true)
            {
                int state = Volatile.Read(ref _state);
                ObjectDisposedException.ThrowIf((state & Disposed) != 0, this);
                if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
                {
                    return new MemoryHandle((byte*)_memory + elementIndex, default, this);
                }
            }
        }

        public override void Unpin()
        {
            if (Interlocked.Decrement(ref _state) == Disposed)
            {
                _pool.Return(_memory, _bucket);
            }
        }

        protected override void Dispose(bool disposing)
        {
            int previous = Interlocked.Or(ref _state, Disposed);
            if (previous == 0)
            {
                _pool.Return(_memory, _bucket);
            }
        }
    }
}
