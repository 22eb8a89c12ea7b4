using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys;

// Reads and writes, in the words of System.IO.RandomAccess: ReadAsync returns what one read got, WriteAsync writes
// everything (a write may move fewer bytes than asked: a signal, a short NOWAIT write on AIO, a full pipe, the
// kernel's 2 GiB cap per call; the rest is written by further writes, each its own operation). WriteAtMostAsync is
// the single write, for callers that handle the count themselves.
public sealed partial class IoRing
{
    /// <summary>Reads from a file at <paramref name="fileOffset"/> (pread); the file position is not used or changed.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the read.</param>
    /// <param name="fileOffset">The file offset to read from.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read before the cancel took effect are returned.</param>
    /// <returns>The number of bytes read, which may be fewer than <paramref name="buffer"/> holds; 0 at end of file.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed (EBADF, EISDIR, EIO, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.Read(fd, buffer, fileOffset), cancellationToken);
    }

    /// <summary>Reads from a descriptor at its current file position, advancing it (read); for pipes, sockets and terminals.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the read.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read before the cancel took effect are returned.</param>
    /// <returns>The number of bytes read, which may be fewer than <paramref name="buffer"/> holds; 0 at end of file.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed (EBADF, EIO, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Read(fd, buffer, CurrentPosition), cancellationToken);

    /// <summary>Reads from a file at <paramref name="fileOffset"/> (pread), like <see cref="RandomAccess.ReadAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, Memory{byte}, long, CancellationToken)"/>.</summary>
    /// <param name="handle">An open handle; referenced until the kernel has completed the read.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the read.</param>
    /// <param name="fileOffset">The file offset to read from.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read before the cancel took effect are returned.</param>
    /// <returns>The number of bytes read, which may be fewer than <paramref name="buffer"/> holds; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer or offset is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed (EBADF, EISDIR, EIO, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(SafeHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.Read(handle, buffer, fileOffset), cancellationToken);
    }

    /// <summary>Reads at the handle's current file position, advancing it (read); for pipes, sockets and terminals.</summary>
    /// <param name="handle">An open handle; referenced until the kernel has completed the read.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the read.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read before the cancel took effect are returned.</param>
    /// <returns>The number of bytes read, which may be fewer than <paramref name="buffer"/> holds; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer is not aligned.</exception>
    /// <exception cref="ErrnoException">The read failed (EBADF, EIO, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(SafeHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Read(handle, buffer, CurrentPosition), cancellationToken);

    /// <summary>Reads into several buffers in order, from <paramref name="fileOffset"/> (preadv).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="fileOffset">The file offset to read from.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes read, which may be fewer than the buffers hold; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(int fd, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.ReadV(fd, buffers, fileOffset), cancellationToken);
    }

    /// <summary>Reads into several buffers in order, at the current file position (readv).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes read, which may be fewer than the buffers hold; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(int fd, IReadOnlyList<Memory<byte>> buffers, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.ReadV(fd, buffers, CurrentPosition), cancellationToken);

    /// <summary>Reads into several buffers in order, from <paramref name="fileOffset"/> (preadv), like <see cref="RandomAccess.ReadAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, IReadOnlyList{Memory{byte}}, long, CancellationToken)"/>.</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="fileOffset">The file offset to read from.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes read, which may be fewer than the buffers hold; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; <paramref name="buffers"/> is empty or has more than 1024 buffers; or, on a <see cref="DirectFileHandle"/>, a buffer or the offset is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(SafeHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.ReadV(handle, buffers, fileOffset), cancellationToken);
    }

    /// <summary>Reads into several buffers in order, at the handle's current file position (readv).</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes read, which may be fewer than the buffers hold; 0 at end of file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; <paramref name="buffers"/> is empty or has more than 1024 buffers; or, on a <see cref="DirectFileHandle"/>, a buffer is not aligned.</exception>
    /// <exception cref="ErrnoException">The read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReadAsync(SafeHandle handle, IReadOnlyList<Memory<byte>> buffers, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.ReadV(handle, buffers, CurrentPosition), cancellationToken);

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes starting at <paramref name="fileOffset"/>, issuing further
    /// reads for the remainder after a short one (like <see cref="Stream.ReadExactlyAsync(Memory{byte}, CancellationToken)"/>).
    /// </summary>
    /// <param name="handle">An open handle; referenced until the last read has completed.</param>
    /// <param name="buffer">Filled completely on success; pinned while each read is in flight.</param>
    /// <param name="fileOffset">The file offset to read from.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read by completed reads stay in the buffer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer, offset or length is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="EndOfStreamException">End of file came before the buffer was full (the message says how much was read).</exception>
    /// <exception cref="ErrnoException">A read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the buffer was full.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask ReadExactlyAsync(SafeHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return ReadExactly(new Descriptor(handle), buffer, fileOffset, cancellationToken);
    }

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes at the handle's current file position (advancing it),
    /// issuing further reads after a short one; for pipes and sockets.
    /// </summary>
    /// <param name="handle">An open handle; referenced until the last read has completed.</param>
    /// <param name="buffer">Filled completely on success; pinned while each read is in flight.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes read by completed reads stay in the buffer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer or length is not aligned.</exception>
    /// <exception cref="EndOfStreamException">End of file came before the buffer was full (the message says how much was read).</exception>
    /// <exception cref="ErrnoException">A read failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the buffer was full.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask ReadExactlyAsync(SafeHandle handle, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadExactly(new Descriptor(handle), buffer, CurrentPosition, cancellationToken);

    /// <summary>
    /// Writes all of <paramref name="buffer"/> at <paramref name="fileOffset"/> (pwrite), issuing further writes for
    /// the remainder after a short one, like <see cref="RandomAccess.WriteAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/>.
    /// </summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">The bytes; pinned while each write is in flight.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed (ENOSPC, EBADF, ...); earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(int fd, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return WriteAll(new Descriptor(fd), buffer, fileOffset, cancellationToken);
    }

    /// <summary>Writes all of <paramref name="buffer"/> at the current file position, advancing it (write), issuing further writes after a short one.</summary>
    /// <param name="fd">An open descriptor (a pipe, a socket, a file opened with <see cref="OpenFlags.Append"/>, ...).</param>
    /// <param name="buffer">The bytes; pinned while each write is in flight.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed (EPIPE, ENOSPC, ...); earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(int fd, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        WriteAll(new Descriptor(fd), buffer, CurrentPosition, cancellationToken);

    /// <summary>
    /// Writes all of <paramref name="buffer"/> at <paramref name="fileOffset"/> (pwrite), issuing further writes for
    /// the remainder after a short one, like <see cref="RandomAccess.WriteAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/>.
    /// </summary>
    /// <param name="handle">An open handle; referenced until the last write has completed.</param>
    /// <param name="buffer">The bytes; pinned while each write is in flight.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer, offset or length (or a short write's remainder) is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed (ENOSPC, EBADF, ...); earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(SafeHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return WriteAll(new Descriptor(handle), buffer, fileOffset, cancellationToken);
    }

    /// <summary>Writes all of <paramref name="buffer"/> at the handle's current file position, advancing it (write), issuing further writes after a short one.</summary>
    /// <param name="handle">An open handle (a pipe, a socket, a file opened with <see cref="OpenFlags.Append"/>, ...); referenced until the last write has completed.</param>
    /// <param name="buffer">The bytes; pinned while each write is in flight.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer or length is not aligned.</exception>
    /// <exception cref="ErrnoException">A write failed (EPIPE, ENOSPC, ...); earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(SafeHandle handle, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        WriteAll(new Descriptor(handle), buffer, CurrentPosition, cancellationToken);

    /// <summary>Writes all of several buffers in order at <paramref name="fileOffset"/> (pwritev), issuing further writes for the remainder after a short one.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned while a write is in flight.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed; earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return WriteAll(new Descriptor(fd), buffers, fileOffset, cancellationToken);
    }

    /// <summary>Writes all of several buffers in order at the current file position (writev), issuing further writes after a short one.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned while a write is in flight.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed; earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default) =>
        WriteAll(new Descriptor(fd), buffers, CurrentPosition, cancellationToken);

    /// <summary>
    /// Writes all of several buffers in order at <paramref name="fileOffset"/> (pwritev), issuing further writes for
    /// the remainder after a short one, like <see cref="RandomAccess.WriteAsync(Microsoft.Win32.SafeHandles.SafeFileHandle, IReadOnlyList{ReadOnlyMemory{byte}}, long, CancellationToken)"/>.
    /// </summary>
    /// <param name="handle">An open handle; referenced until the last write has completed.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned while a write is in flight.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; <paramref name="buffers"/> is empty or has more than 1024 buffers; or, on a <see cref="DirectFileHandle"/>, a buffer or the offset is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">A write failed; earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(SafeHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return WriteAll(new Descriptor(handle), buffers, fileOffset, cancellationToken);
    }

    /// <summary>Writes all of several buffers in order at the handle's current file position (writev), issuing further writes after a short one.</summary>
    /// <param name="handle">An open handle; referenced until the last write has completed.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned while a write is in flight.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written by completed writes stay written.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; <paramref name="buffers"/> is empty or has more than 1024 buffers; or, on a <see cref="DirectFileHandle"/>, a buffer is not aligned.</exception>
    /// <exception cref="ErrnoException">A write failed; earlier writes of this call stay written.</exception>
    /// <exception cref="IOException">A write made no progress (0 bytes written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before everything was written.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask WriteAsync(SafeHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, CancellationToken cancellationToken = default) =>
        WriteAll(new Descriptor(handle), buffers, CurrentPosition, cancellationToken);

    /// <summary>
    /// One write (pwrite) of at most <paramref name="buffer"/>.Length bytes at <paramref name="fileOffset"/>: returns
    /// how many the kernel wrote, which may be fewer. <see cref="WriteAsync(int, ReadOnlyMemory{byte}, long, CancellationToken)"/> writes everything.
    /// </summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">The bytes; pinned until the kernel has completed the write.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written before the cancel took effect are returned.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The write failed (ENOSPC, EBADF, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(int fd, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.Write(fd, buffer, fileOffset), cancellationToken);
    }

    /// <summary>One write (write) of at most <paramref name="buffer"/>.Length bytes at the current file position: returns how many the kernel wrote.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">The bytes; pinned until the kernel has completed the write.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written before the cancel took effect are returned.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">The write failed (EPIPE, EAGAIN on a non-blocking descriptor, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(int fd, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Write(fd, buffer, CurrentPosition), cancellationToken);

    /// <summary>
    /// One write (pwrite) of at most <paramref name="buffer"/>.Length bytes at <paramref name="fileOffset"/>: returns
    /// how many the kernel wrote, which may be fewer. <see cref="WriteAsync(SafeHandle, ReadOnlyMemory{byte}, long, CancellationToken)"/> writes everything.
    /// </summary>
    /// <param name="handle">An open handle; referenced until the kernel has completed the write.</param>
    /// <param name="buffer">The bytes; pinned until the kernel has completed the write.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written before the cancel took effect are returned.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer or offset is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The write failed (ENOSPC, EBADF, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(SafeHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.Write(handle, buffer, fileOffset), cancellationToken);
    }

    /// <summary>One write (write) of at most <paramref name="buffer"/>.Length bytes at the handle's current file position: returns how many the kernel wrote.</summary>
    /// <param name="handle">An open handle; referenced until the kernel has completed the write.</param>
    /// <param name="buffer">The bytes; pinned until the kernel has completed the write.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes written before the cancel took effect are returned.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; or, on a <see cref="DirectFileHandle"/>, the buffer is not aligned.</exception>
    /// <exception cref="ErrnoException">The write failed (EPIPE, EAGAIN on a non-blocking descriptor, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(SafeHandle handle, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Write(handle, buffer, CurrentPosition), cancellationToken);

    /// <summary>One write (pwritev) of several buffers in order at <paramref name="fileOffset"/>: returns how many bytes the kernel wrote, which may be fewer than all.</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The write failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.WriteV(fd, buffers, fileOffset), cancellationToken);
    }

    /// <summary>One write (pwritev) of several buffers in order at <paramref name="fileOffset"/>: returns how many bytes the kernel wrote, which may be fewer than all.</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="buffers">The buffers (1 to 1024); each pinned until completion.</param>
    /// <param name="fileOffset">The file offset to write at.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid; <paramref name="buffers"/> is empty or has more than 1024 buffers; or, on a <see cref="DirectFileHandle"/>, a buffer or the offset is not aligned.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative.</exception>
    /// <exception cref="ErrnoException">The write failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> WriteAtMostAsync(SafeHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileOffset);
        return SubmitAsync(RingRequest.WriteV(handle, buffers, fileOffset), cancellationToken);
    }

    /// <summary>The kernel's "current file position" offset (-1), used by the overloads without a file offset.</summary>
    private const long CurrentPosition = -1;

    private ValueTask ReadExactly(Descriptor target, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken)
    {
        RingRequest first = target.Read(buffer, fileOffset); // validates the handle before anything runs
        if (buffer.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask<int> pending = SubmitAsync(first, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            int read = pending.Result;
            if (read == buffer.Length)
            {
                return ValueTask.CompletedTask;
            }

            pending = new ValueTask<int>(read);
        }

        return ReadRemainderAsync(target, buffer, fileOffset, pending, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadRemainderAsync(Descriptor target, Memory<byte> buffer, long fileOffset, ValueTask<int> pending, CancellationToken cancellationToken)
    {
        int done = 0;
        while (true)
        {
            int read = await pending.ConfigureAwait(false);
            if (read == 0)
            {
                throw EndOfFile(fileOffset, done, buffer.Length);
            }

            done += read;
            if (done >= buffer.Length)
            {
                return;
            }

            // An O_DIRECT read is only short at end of file; asking for the rest would be a misaligned request.
            if (target.Handle is DirectFileHandle direct && (done % direct.OffsetAlignment) != 0)
            {
                throw EndOfFile(fileOffset, done, buffer.Length);
            }

            pending = SubmitAsync(target.Read(buffer[done..], Advance(fileOffset, done)), cancellationToken);
        }
    }

    private ValueTask WriteAll(Descriptor target, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken)
    {
        RingRequest first = target.Write(buffer, fileOffset); // validates the handle before anything runs
        if (buffer.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask<int> pending = SubmitAsync(first, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            int written = pending.Result;
            if (written == buffer.Length)
            {
                return ValueTask.CompletedTask;
            }

            pending = new ValueTask<int>(written);
        }

        return WriteRemainderAsync(target, buffer, fileOffset, pending, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRemainderAsync(Descriptor target, ReadOnlyMemory<byte> buffer, long fileOffset, ValueTask<int> pending, CancellationToken cancellationToken)
    {
        int done = 0;
        while (true)
        {
            int written = await pending.ConfigureAwait(false);
            if (written <= 0)
            {
                throw NoProgress(fileOffset, done, buffer.Length);
            }

            done += written;
            if (done >= buffer.Length)
            {
                return;
            }

            pending = SubmitAsync(target.Write(buffer[done..], Advance(fileOffset, done)), cancellationToken);
        }
    }

    private ValueTask WriteAll(Descriptor target, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken)
    {
        RingRequest first = target.WriteV(buffers, fileOffset); // validates the handle and the list before anything runs
        long total = 0;
        for (int i = 0; i < buffers.Count; i++)
        {
            total += buffers[i].Length;
        }

        if (total == 0)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask<int> pending = SubmitAsync(first, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            int written = pending.Result;
            if (written == total)
            {
                return ValueTask.CompletedTask;
            }

            pending = new ValueTask<int>(written);
        }

        return WriteRemainderAsync(target, buffers, total, fileOffset, pending, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteRemainderAsync(Descriptor target, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long total, long fileOffset, ValueTask<int> pending, CancellationToken cancellationToken)
    {
        long done = 0;
        while (true)
        {
            int written = await pending.ConfigureAwait(false);
            if (written <= 0)
            {
                throw NoProgress(fileOffset, done, total);
            }

            done += written;
            if (done >= total)
            {
                return;
            }

            pending = SubmitAsync(target.WriteV(Remainder(buffers, done), Advance(fileOffset, done)), cancellationToken);
        }
    }

    /// <summary>The buffers still to write once <paramref name="done"/> bytes of them are written (only after a short write).</summary>
    private static ReadOnlyMemory<byte>[] Remainder(IReadOnlyList<ReadOnlyMemory<byte>> buffers, long done)
    {
        int first = 0;
        while (done >= buffers[first].Length)
        {
            done -= buffers[first].Length;
            first++;
        }

        var rest = new ReadOnlyMemory<byte>[buffers.Count - first];
        rest[0] = buffers[first][(int)done..];
        for (int i = 1; i < rest.Length; i++)
        {
            rest[i] = buffers[first + i];
        }

        return rest;
    }

    private static long Advance(long fileOffset, long done) => fileOffset < 0 ? CurrentPosition : fileOffset + done;

    private static IOException NoProgress(long fileOffset, long done, long total) =>
        new(fileOffset < 0
            ? FormattableString.Invariant($"A write made no progress: {done} of {total} bytes written.")
            : FormattableString.Invariant($"The write at offset {fileOffset + done} made no progress: {done} of {total} bytes written."));

    private static EndOfStreamException EndOfFile(long fileOffset, int done, int wanted) =>
        new(fileOffset < 0
            ? FormattableString.Invariant($"End of file after {done} of {wanted} bytes.")
            : FormattableString.Invariant($"End of file at offset {fileOffset + done}: {done} of {wanted} bytes read from offset {fileOffset}."));

    /// <summary>The descriptor of a whole transfer: a <see cref="SafeHandle"/> or a raw descriptor, made into each request of it.</summary>
    private readonly struct Descriptor
    {
        private readonly int _fd;

        internal Descriptor(SafeHandle handle)
        {
            ArgumentNullException.ThrowIfNull(handle);
            Handle = handle;
            _fd = -1;
        }

        internal Descriptor(int fd) => _fd = fd;

        internal SafeHandle? Handle { get; }

        internal RingRequest Read(Memory<byte> buffer, long fileOffset) =>
            Handle is null ? RingRequest.Read(_fd, buffer, fileOffset) : RingRequest.Read(Handle, buffer, fileOffset);

        internal RingRequest Write(ReadOnlyMemory<byte> buffer, long fileOffset) =>
            Handle is null ? RingRequest.Write(_fd, buffer, fileOffset) : RingRequest.Write(Handle, buffer, fileOffset);

        internal RingRequest WriteV(IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) =>
            Handle is null ? RingRequest.WriteV(_fd, buffers, fileOffset) : RingRequest.WriteV(Handle, buffers, fileOffset);
    }
}
