using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;

namespace AsyncSys;

/// <summary>
/// For generated code: a ring variant's buffer list laid out as the kernel's <c>struct iovec</c> array (base, length
/// pairs), each buffer pinned until <see cref="Dispose"/>. A readv/writev variant whose request cannot take its arguments
/// (a negative descriptor, RWF_ flags, no buffers or more than 1024) runs the wrapper on a worker with these, so the
/// wrapper's iovec pointer, array or span sees the very buffers the ring would have used.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IoVectorPins : IDisposable
{
    private readonly MemoryHandle[] _pins;
    private int _pinned;

    private IoVectorPins(int count)
    {
        _pins = new MemoryHandle[count];
        Vectors = new nint[2 * count];
    }

    /// <summary>
    /// The iovecs: element 2i is buffer i's address, 2i + 1 its length (<c>void* iov_base; size_t iov_len</c> on a
    /// 64-bit or 32-bit Linux alike). Empty for a null or empty list, so the wrapper gets NULL and a count of 0.
    /// </summary>
    public nint[] Vectors { get; }

    /// <summary>How many buffers: the wrapper's iovec count.</summary>
    public int Count => _pins.Length;

    /// <summary>Pins the buffers a readv-like call writes into.</summary>
    public static IoVectorPins Pin(IReadOnlyList<Memory<byte>>? buffers) => PinAll(buffers, static buffer => (buffer.Pin(), buffer.Length));

    /// <summary>Pins the buffers a writev-like call reads from.</summary>
    public static IoVectorPins Pin(IReadOnlyList<ReadOnlyMemory<byte>>? buffers) => PinAll(buffers, static buffer => (buffer.Pin(), buffer.Length));

    private static IoVectorPins PinAll<T>(IReadOnlyList<T>? buffers, Func<T, (MemoryHandle Pin, int Length)> pin)
    {
        var pins = new IoVectorPins(buffers?.Count ?? 0);
        bool done = false;
        try
        {
            for (int i = 0; i < pins.Count; i++)
            {
                (MemoryHandle handle, int length) = pin(buffers![i]);
                pins.Add(i, handle, length);
            }

            done = true;
        }
        finally
        {
            // A buffer that cannot be pinned: the ones pinned so far are let go, the exception goes on.
            if (!done)
            {
                pins.Dispose();
            }
        }

        return pins;
    }

    /// <summary>Unpins the buffers. Only after the call has returned: the kernel reads the addresses until then.</summary>
    public void Dispose()
    {
        for (int i = 0; i < _pinned; i++)
        {
            _pins[i].Dispose();
        }

        _pinned = 0;
    }

    private unsafe void Add(int i, MemoryHandle pin, int length)
    {
        _pins[i] = pin;
        _pinned = i + 1;
        Vectors[2 * i] = (nint)pin.Pointer;
        Vectors[(2 * i) + 1] = length;
    }
}
