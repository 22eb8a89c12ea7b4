using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys;

// The typed operations: each is one RingRequest, in the style of RandomAccess and Socket.
public sealed partial class IoRing
{
    /// <summary>Does nothing on the ring; completes when the kernel has seen it. Measures the ring itself.</summary>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask NopAsync(CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Nop(), cancellationToken);

    /// <summary>Reads from a file descriptor at <paramref name="offset"/> (pread), or at the file position when it is -1 (read).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the read.</param>
    /// <param name="offset">The file offset, or -1.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The number of bytes read; 0 at end of file.</returns>
    public ValueTask<int> ReadAsync(int fd, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Read(fd, buffer, offset), cancellationToken);

    /// <inheritdoc cref="ReadAsync(int, Memory{byte}, long, CancellationToken)"/>
    public ValueTask<int> ReadAsync(SafeHandle fd, Memory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Read(fd, buffer, offset), cancellationToken);

    /// <summary>Writes to a file descriptor at <paramref name="offset"/> (pwrite), or at the file position when it is -1 (write).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffer">The bytes; pinned until the kernel has completed the write.</param>
    /// <param name="offset">The file offset, or -1.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The number of bytes written (may be fewer than requested).</returns>
    public ValueTask<int> WriteAsync(int fd, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Write(fd, buffer, offset), cancellationToken);

    /// <inheritdoc cref="WriteAsync(int, ReadOnlyMemory{byte}, long, CancellationToken)"/>
    public ValueTask<int> WriteAsync(SafeHandle fd, ReadOnlyMemory<byte> buffer, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Write(fd, buffer, offset), cancellationToken);

    /// <summary>Reads into several buffers in order (preadv).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers; each pinned until completion.</param>
    /// <param name="offset">The file offset, or -1.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes read.</returns>
    public ValueTask<int> ReadVAsync(int fd, IReadOnlyList<Memory<byte>> buffers, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.ReadV(fd, buffers, offset), cancellationToken);

    /// <inheritdoc cref="ReadVAsync(int, IReadOnlyList{Memory{byte}}, long, CancellationToken)"/>
    public ValueTask<int> ReadVAsync(SafeHandle fd, IReadOnlyList<Memory<byte>> buffers, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.ReadV(fd, buffers, offset), cancellationToken);

    /// <summary>Writes several buffers in order (pwritev).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="buffers">The buffers; each pinned until completion.</param>
    /// <param name="offset">The file offset, or -1.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The total number of bytes written.</returns>
    public ValueTask<int> WriteVAsync(int fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.WriteV(fd, buffers, offset), cancellationToken);

    /// <inheritdoc cref="WriteVAsync(int, IReadOnlyList{ReadOnlyMemory{byte}}, long, CancellationToken)"/>
    public ValueTask<int> WriteVAsync(SafeHandle fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long offset, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.WriteV(fd, buffers, offset), cancellationToken);

    /// <summary>Flushes a file's data and metadata to stable storage (fsync).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask FsyncAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fsync(fd), cancellationToken);

    /// <inheritdoc cref="FsyncAsync(int, CancellationToken)"/>
    public ValueTask FsyncAsync(SafeHandle fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fsync(fd), cancellationToken);

    /// <summary>Flushes a file's data to stable storage (fdatasync).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask FdatasyncAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fdatasync(fd), cancellationToken);

    /// <inheritdoc cref="FdatasyncAsync(int, CancellationToken)"/>
    public ValueTask FdatasyncAsync(SafeHandle fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fdatasync(fd), cancellationToken);

    /// <summary>Waits, once, until <paramref name="fd"/> is ready for any of <paramref name="events"/> (poll).</summary>
    /// <param name="fd">A pollable descriptor: pipe, socket, eventfd, ...</param>
    /// <param name="events">What to wait for.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The ready events (may include <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/>).</returns>
    public ValueTask<PollEvents> PollAsync(int fd, PollEvents events, CancellationToken cancellationToken = default) =>
        SubmitPoll(RingRequest.Poll(fd, events), cancellationToken);

    /// <inheritdoc cref="PollAsync(int, PollEvents, CancellationToken)"/>
    public ValueTask<PollEvents> PollAsync(SafeHandle fd, PollEvents events, CancellationToken cancellationToken = default) =>
        SubmitPoll(RingRequest.Poll(fd, events), cancellationToken);

    private ValueTask<PollEvents> SubmitPoll(in RingRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<PollEvents>(cancellationToken);
        }

        IoRing target = Target;
        Operation? operation = target.TryStart(request, returnRawErrors: false, cancellationToken);
        return operation is null
            ? ToPollEventsAsync(target.SubmitWhenSlotFreeAsync(request, false, cancellationToken))
            : new ValueTask<PollEvents>(operation, operation.Version);

        static async ValueTask<PollEvents> ToPollEventsAsync(ValueTask<int> pending) => (PollEvents)(uint)await pending.ConfigureAwait(false);
    }

    /// <summary>Opens a file relative to a directory descriptor (openat); the caller owns the returned descriptor.</summary>
    /// <param name="dirFd">A directory descriptor or <see cref="AtCurrentDirectory"/>.</param>
    /// <param name="path">The path.</param>
    /// <param name="flags">O_* flags (O_CLOEXEC is recommended).</param>
    /// <param name="mode">Permission bits for a created file.</param>
    /// <param name="cancellationToken">Requests cancellation; a descriptor opened after cancellation is closed, never returned.</param>
    /// <returns>The new descriptor.</returns>
    public ValueTask<int> OpenAtAsync(int dirFd, string path, int flags, int mode = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.OpenAt(dirFd, path, flags, mode), cancellationToken);

    /// <summary>Opens a file (openat with O_CLOEXEC added) and wraps the descriptor in a <see cref="SafeFileHandle"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="flags">O_* flags.</param>
    /// <param name="mode">Permission bits for a created file; default 0644.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SafeFileHandle> OpenAsync(string path, int flags, int mode = 0x1A4, CancellationToken cancellationToken = default)
    {
        int fd = await SubmitAsync(RingRequest.OpenAt(AtCurrentDirectory, path, flags | Interop.Libc.O_CLOEXEC, mode), cancellationToken).ConfigureAwait(false);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Closes a descriptor (close).</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask CloseAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Close(fd), cancellationToken);

    /// <summary>Gets file information (statx).</summary>
    /// <param name="dirFd">A directory descriptor or <see cref="AtCurrentDirectory"/>.</param>
    /// <param name="path">The path (empty with AT_EMPTY_PATH for <paramref name="dirFd"/> itself).</param>
    /// <param name="flags">AT_* flags.</param>
    /// <param name="mask">STATX_* fields wanted; default <see cref="Statx.BasicStats"/>.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Statx> StatxAsync(int dirFd, string path, int flags = 0, uint mask = Statx.BasicStats, CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Statx.Size);
        try
        {
            await SubmitAsync(RingRequest.Statx(dirFd, path, flags, mask, buffer), cancellationToken).ConfigureAwait(false);
            return MemoryMarshal.Read<Statx>(buffer);
        }
        finally
        {
            // Safe: the await above ends only after the kernel's completion, so nothing writes here any more.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Allocates or manipulates space for a byte range (fallocate).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="mode">FALLOC_FL_* mode; 0 allocates (and extends the file).</param>
    /// <param name="offset">Start of the range.</param>
    /// <param name="length">Length of the range.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask FallocateAsync(int fd, int mode, long offset, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Fallocate(fd, mode, offset, length), cancellationToken);

    /// <inheritdoc cref="FallocateAsync(int, int, long, long, CancellationToken)"/>
    public ValueTask FallocateAsync(SafeHandle fd, int mode, long offset, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Fallocate(fd, mode, offset, length), cancellationToken);

    /// <summary>Sets the length of a file, cutting it or extending it with zeros (ftruncate).</summary>
    /// <param name="fd">A descriptor open for writing.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="length"/> is negative.</exception>
    /// <exception cref="ErrnoException">ftruncate failed, e.g. EBADF, EINVAL (not a regular file or not open for writing), EFBIG.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public ValueTask FtruncateAsync(int fd, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Ftruncate(fd, length), cancellationToken);

    /// <summary>Sets the length of a file, cutting it or extending it with zeros (ftruncate).</summary>
    /// <param name="handle">A file handle open for writing; referenced until the kernel's completion.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ErrnoException">ftruncate failed, e.g. EINVAL (not a regular file or not open for writing), EFBIG.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    public ValueTask FtruncateAsync(SafeHandle handle, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Ftruncate(handle, length), cancellationToken);

    /// <summary>Sends bytes on a connected socket (send).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">The bytes; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The number of bytes sent.</returns>
    public ValueTask<int> SendAsync(int fd, ReadOnlyMemory<byte> buffer, int flags = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Send(fd, buffer, flags), cancellationToken);

    /// <inheritdoc cref="SendAsync(int, ReadOnlyMemory{byte}, int, CancellationToken)"/>
    public ValueTask<int> SendAsync(SafeHandle fd, ReadOnlyMemory<byte> buffer, int flags = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Send(fd, buffer, flags), cancellationToken);

    /// <summary>Receives bytes from a socket (recv).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the receive.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes received before the cancel took effect are returned.</param>
    /// <returns>The number of bytes received; 0 when the peer closed.</returns>
    public ValueTask<int> RecvAsync(int fd, Memory<byte> buffer, int flags = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Recv(fd, buffer, flags), cancellationToken);

    /// <inheritdoc cref="RecvAsync(int, Memory{byte}, int, CancellationToken)"/>
    public ValueTask<int> RecvAsync(SafeHandle fd, Memory<byte> buffer, int flags = 0, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Recv(fd, buffer, flags), cancellationToken);

    /// <summary>SOCK_CLOEXEC: the accepted socket is closed in child processes at exec (the default of <see cref="AcceptAsync(int, int, CancellationToken)"/>).</summary>
    public const int SocketCloseOnExec = 0x80000;

    /// <summary>Accepts a connection (accept4); the caller owns the returned descriptor.</summary>
    /// <param name="fd">A listening socket.</param>
    /// <param name="flags">
    /// SOCK_NONBLOCK / SOCK_CLOEXEC. The default is <see cref="SocketCloseOnExec"/>, so a child process
    /// started meanwhile never inherits the connection; pass 0 explicitly for an inheritable socket.
    /// </param>
    /// <param name="cancellationToken">Requests cancellation; a connection accepted after cancellation is closed, never returned.</param>
    /// <returns>The new socket's descriptor.</returns>
    public ValueTask<int> AcceptAsync(int fd, int flags = SocketCloseOnExec, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Accept(fd, Memory<byte>.Empty, flags), cancellationToken);

    /// <summary>Accepts a connection on <paramref name="listener"/> and returns it as a <see cref="Socket"/>.</summary>
    /// <param name="listener">A bound, listening socket.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Socket> AcceptAsync(Socket listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        int fd = await SubmitAsync(RingRequest.Accept(listener.SafeHandle, Memory<byte>.Empty, SocketCloseOnExec), cancellationToken).ConfigureAwait(false);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>Connects a socket to a native <c>sockaddr</c> (connect).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="socketAddress">The native address bytes.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask ConnectAsync(int fd, ReadOnlyMemory<byte> socketAddress, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Connect(fd, socketAddress), cancellationToken);

    /// <summary>Connects <paramref name="socket"/> to <paramref name="endPoint"/> through the ring.</summary>
    /// <param name="socket">An unconnected socket.</param>
    /// <param name="endPoint">Where to connect.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(endPoint);
        SocketAddress address = endPoint.Serialize();
        return SubmitVoid(RingRequest.Connect(socket.SafeHandle, address.Buffer[..address.Size]), cancellationToken);
    }

    /// <summary>Shuts down part of a connection (shutdown).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="how">0 = reading, 1 = writing, 2 = both.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask ShutdownAsync(int fd, int how, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Shutdown(fd, how), cancellationToken);

    /// <summary>Waits for <paramref name="delay"/> on the ring (IORING_OP_TIMEOUT): no thread-pool timer involved.</summary>
    /// <param name="delay">How long.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    public ValueTask DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Timer(delay), cancellationToken);
}
