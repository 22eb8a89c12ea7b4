using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

// Taking a request: its buffers are pinned, its SafeHandle referenced and its paths copied to native memory,
// all held until the operation's completion has arrived (the kernel may use them until then), then released.
internal sealed unsafe partial class Operation
{
    /// <summary>The pinned address of the request's single buffer (null when it has none).</summary>
    internal void* BufferPointer => _pin.Pointer;

    /// <summary>
    /// The backend's part of this slot's scratch area, as that backend's own layout <typeparamref name="T"/>. It lives
    /// as long as the slot, so the kernel may read and write it until the operation's completion has arrived.
    /// </summary>
    internal T* BackendScratch<T>()
        where T : unmanaged
    {
        Debug.Assert(sizeof(T) <= BackendScratchSize, "a backend's per-operation layout must fit its part of the scratch area");
        return (T*)Scratch;
    }

    /// <summary>
    /// Takes the request: pins its buffers, references its handle and copies its paths to native memory.
    /// On failure everything taken so far is released and the exception propagates (the slot is still rented).
    /// </summary>
    internal void Prepare(in RingRequest request, bool returnRawErrors, bool inlineContinuations, RingSynchronizationContext? ringContext = null)
    {
        Debug.Assert(Phase == OperationPhase.Queued, "a request is taken only by a slot just rented");
        Debug.Assert(Volatile.Read(ref _preparedId) == 0, "the previous occupant's request was released");
        Request = request;
        _returnRawErrors = returnRawErrors;
        _inlineRing = inlineContinuations;
        _boundContext = ringContext is not null && ringContext.IsCurrent ? ringContext : null;
        _continuationOnRing = false;
        ParkEvents = 0; // not parked yet: a worker's connect tells its own handshake from another's by it
        try
        {
            Fd = request.Fd;
            if (request.Handle is { } handle)
            {
                bool added = false;
                handle.DangerousAddRef(ref added);
                _handleReferenced = added;
                Fd = (int)handle.DangerousGetHandle();
            }

            if (!request.Buffer.IsEmpty)
            {
                _pin = request.Buffer.Pin();
            }

            switch (request.Extra)
            {
                case IReadOnlyList<Memory<byte>> list:
                    BeginVector(list.Count);
                    for (int i = 0; i < list.Count; i++)
                    {
                        PinSegment(i, list[i]);
                    }

                    break;
                case IReadOnlyList<ReadOnlyMemory<byte>> list:
                    BeginVector(list.Count);
                    for (int i = 0; i < list.Count; i++)
                    {
                        PinSegment(i, MemoryMarshal.AsMemory(list[i]));
                    }

                    break;
            }

            if (request.Path is not null)
            {
                CopyPaths(request.Path, request.Path2);
            }

            // Release: Fd and Request are visible before the identity that vouches for them.
            Volatile.Write(ref _preparedId, Id);
        }
        catch
        {
            ReleaseResources();
            Request = default;
            throw;
        }
    }

    private void BeginVector(int count)
    {
        if (_pins.Length < count)
        {
            // Grows once per slot and is kept: steady-state vectored I/O does not allocate.
            _pins = new MemoryHandle[Math.Max(count, 8)];
        }

        if (count <= InlineIovCount)
        {
            Iov = (IoVec*)(Scratch + InlineIovOffset);
        }
        else
        {
            Iov = (IoVec*)NativeMemory.Alloc((nuint)count, (nuint)sizeof(IoVec));
            _iovAllocated = true;
        }

        IovCount = count;
    }

    private void PinSegment(int i, Memory<byte> segment)
    {
        _pins[i] = segment.Pin();
        _pinCount = i + 1;
        Iov[i].Base = _pins[i].Pointer;
        Iov[i].Length = (nuint)segment.Length;
    }

    private void CopyPaths(string path, string? path2)
    {
        int length1 = System.Text.Encoding.UTF8.GetByteCount(path) + 1;
        int length2 = path2 is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(path2) + 1;
        byte* area;
        if (length1 + length2 <= InlinePathSize)
        {
            area = Scratch + InlinePathOffset;
        }
        else
        {
            area = (byte*)NativeMemory.Alloc((nuint)(length1 + length2));
            _pathsAllocated = true;
        }

        Path = area;
        int written = System.Text.Encoding.UTF8.GetBytes(path, new Span<byte>(area, length1 - 1));
        area[written] = 0;
        if (path2 is not null)
        {
            Path2 = area + length1;
            written = System.Text.Encoding.UTF8.GetBytes(path2, new Span<byte>(Path2, length2 - 1));
            Path2[written] = 0;
        }
    }

    /// <summary>Unpins, frees the native copies and drops the handle reference: once the kernel is done with them.</summary>
    /// <summary>
    /// Drops this slot's references to what the kernel may still use, releasing none of it (<see cref="Abandon"/>):
    /// the pins stay pinned (their GC handles are never freed), native copies stay allocated, the handle keeps the
    /// reference that stops its descriptor being closed and its number reused under the kernel.
    /// </summary>
    private void ForgetResources()
    {
        _pin = default;
        for (int i = 0; i < _pinCount; i++)
        {
            _pins[i] = default;
        }

        _pinCount = 0;
        _iovAllocated = false;
        Iov = null;
        IovCount = 0;
        _pathsAllocated = false;
        Path = null;
        Path2 = null;
        _handleReferenced = false;
        HeldFd = -1; // left open with the rest
    }

    private void ReleaseResources()
    {
        _pin.Dispose();
        _pin = default;
        for (int i = 0; i < _pinCount; i++)
        {
            _pins[i].Dispose();
            _pins[i] = default;
        }

        _pinCount = 0;
        if (_iovAllocated)
        {
            NativeMemory.Free(Iov);
            _iovAllocated = false;
        }

        Iov = null;
        IovCount = 0;
        if (_pathsAllocated)
        {
            NativeMemory.Free(Path);
            _pathsAllocated = false;
        }

        Path = null;
        Path2 = null;
        if (_handleReferenced)
        {
            Request.Handle!.DangerousRelease();
            _handleReferenced = false;
        }

        if (HeldFd >= 0)
        {
            Libc.close(HeldFd);
            HeldFd = -1;
        }
    }
}
