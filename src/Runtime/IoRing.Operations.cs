using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys;

// The typed operations other than reads and writes (IoRing.Transfers.cs): each is one RingRequest, in the style
// of RandomAccess and Socket.
public sealed partial class IoRing
{
    /// <summary>The permission bits <see cref="OpenAsync"/> and <see cref="OpenDirectAsync"/> give a file they create: <c>0644</c> (rw-r--r--), before the umask.</summary>
    internal const UnixFileMode DefaultCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Does nothing on the ring; completes when the kernel has seen it. Measures the ring itself.</summary>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask NopAsync(CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Nop(), cancellationToken);

    /// <summary>Flushes a file's data and metadata to stable storage (fsync).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">fsync failed (EBADF, EIO, ENOSPC, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FsyncAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fsync(fd), cancellationToken);

    /// <summary>Flushes a file's data and metadata to stable storage (fsync).</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ErrnoException">fsync failed (EIO, ENOSPC, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FsyncAsync(SafeHandle handle, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fsync(handle), cancellationToken);

    /// <summary>Flushes a file's data to stable storage (fdatasync).</summary>
    /// <param name="fd">An open descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">fdatasync failed (EBADF, EIO, ENOSPC, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FdatasyncAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fdatasync(fd), cancellationToken);

    /// <summary>Flushes a file's data to stable storage (fdatasync).</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ErrnoException">fdatasync failed (EIO, ENOSPC, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FdatasyncAsync(SafeHandle handle, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Fdatasync(handle), cancellationToken);

    /// <summary>Waits, once, until <paramref name="fd"/> is ready for any of <paramref name="events"/> (poll).</summary>
    /// <param name="fd">A pollable descriptor: pipe, socket, eventfd, ...</param>
    /// <param name="events">What to wait for.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The ready events (may include <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">poll failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the descriptor was ready.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<PollEvents> PollAsync(int fd, PollEvents events, CancellationToken cancellationToken = default) =>
        SubmitPoll(RingRequest.Poll(fd, events), cancellationToken);

    /// <summary>Waits, once, until <paramref name="handle"/> is ready for any of <paramref name="events"/> (poll).</summary>
    /// <param name="handle">A pollable handle: pipe, socket, eventfd, ...; referenced until completion.</param>
    /// <param name="events">What to wait for.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The ready events (may include <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ErrnoException">poll failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the handle was ready.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<PollEvents> PollAsync(SafeHandle handle, PollEvents events, CancellationToken cancellationToken = default) =>
        SubmitPoll(RingRequest.Poll(handle, events), cancellationToken);

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
    /// <param name="flags">How to open it (<see cref="OpenFlags.CloseOnExec"/> is recommended).</param>
    /// <param name="mode">Permission bits for a file created with <see cref="OpenFlags.Create"/> or <see cref="OpenFlags.TemporaryFile"/>, before the umask; ignored otherwise.</param>
    /// <param name="cancellationToken">Requests cancellation; a descriptor opened after cancellation is closed, never returned.</param>
    /// <returns>The new descriptor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    /// <exception cref="ErrnoException">openat failed (ENOENT, EACCES, EEXIST, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel opened it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> OpenAtAsync(int dirFd, string path, OpenFlags flags, UnixFileMode mode = UnixFileMode.None, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.OpenAt(dirFd, path, flags, mode), cancellationToken);

    /// <summary>Opens a file (openat with <see cref="OpenFlags.CloseOnExec"/> added) and wraps the descriptor in a <see cref="SafeFileHandle"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="flags">How to open it.</param>
    /// <param name="mode">Permission bits for a created file, before the umask; default <c>0644</c> (rw-r--r--).</param>
    /// <param name="cancellationToken">Requests cancellation; a file opened after cancellation is closed, never returned.</param>
    /// <returns>The open file; dispose it to close it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    /// <exception cref="ErrnoException">openat failed (ENOENT, EACCES, EEXIST, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel opened it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<SafeFileHandle> OpenAsync(string path, OpenFlags flags, UnixFileMode mode = DefaultCreateMode, CancellationToken cancellationToken = default)
    {
        RingRequest request = RingRequest.OpenAt(AtCurrentDirectory, path, flags | OpenFlags.CloseOnExec, mode);
        return OpenCoreAsync(request, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SafeFileHandle> OpenCoreAsync(RingRequest request, CancellationToken cancellationToken)
    {
        int fd = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Closes a descriptor (close).</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">close failed (EBADF, EIO, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask CloseAsync(int fd, CancellationToken cancellationToken = default) => SubmitVoid(RingRequest.Close(fd), cancellationToken);

    /// <summary>Gets file information (statx).</summary>
    /// <param name="dirFd">A directory descriptor or <see cref="AtCurrentDirectory"/>.</param>
    /// <param name="path">The path (empty with <see cref="AtFlags.EmptyPath"/> for <paramref name="dirFd"/> itself).</param>
    /// <param name="flags">How to resolve the path and how fresh the answer must be.</param>
    /// <param name="mask">The fields wanted; default <see cref="StatxMask.BasicStats"/>. <see cref="Statx.Mask"/> says which were filled in.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The file's information.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ErrnoException">statx failed (ENOENT, EACCES, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<Statx> StatxAsync(int dirFd, string path, AtFlags flags = AtFlags.None, StatxMask mask = StatxMask.BasicStats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return StatxCoreAsync(dirFd, path, flags, mask, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Statx> StatxCoreAsync(int dirFd, string path, AtFlags flags, StatxMask mask, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Statx.StructSize);
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
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range (positive).</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative, or <paramref name="length"/> is not positive.</exception>
    /// <exception cref="ErrnoException">fallocate failed (ENOSPC, EOPNOTSUPP, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FallocateAsync(int fd, int mode, long fileOffset, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Fallocate(fd, mode, fileOffset, length), cancellationToken);

    /// <summary>Allocates or manipulates space for a byte range (fallocate).</summary>
    /// <param name="handle">An open handle; referenced until completion.</param>
    /// <param name="mode">FALLOC_FL_* mode; 0 allocates (and extends the file).</param>
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range (positive).</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative, or <paramref name="length"/> is not positive.</exception>
    /// <exception cref="ErrnoException">fallocate failed (ENOSPC, EOPNOTSUPP, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FallocateAsync(SafeHandle handle, int mode, long fileOffset, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Fallocate(handle, mode, fileOffset, length), cancellationToken);

    /// <summary>Sets the length of a file, cutting it or extending it with zeros (ftruncate).</summary>
    /// <param name="fd">A descriptor open for writing.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="length"/> is negative.</exception>
    /// <exception cref="ErrnoException">ftruncate failed, e.g. EBADF, EINVAL (not a regular file or not open for writing), EFBIG.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FtruncateAsync(int fd, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Ftruncate(fd, length), cancellationToken);

    /// <summary>Sets the length of a file, cutting it or extending it with zeros (ftruncate).</summary>
    /// <param name="handle">A file handle open for writing; referenced until the kernel's completion.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ErrnoException">ftruncate failed, e.g. EINVAL (not a regular file or not open for writing), EFBIG.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask FtruncateAsync(SafeHandle handle, long length, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Ftruncate(handle, length), cancellationToken);

    /// <summary>Sends bytes on a connected socket (send), like <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/>.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">The bytes; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The number of bytes sent, which may be fewer than <paramref name="buffer"/> holds.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">send failed (EPIPE, ECONNRESET, ENOTSOCK, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel sent anything.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> SendAsync(int fd, ReadOnlyMemory<byte> buffer, MessageFlags flags = MessageFlags.None, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Send(fd, buffer, flags), cancellationToken);

    /// <summary>Sends bytes on a connected socket (send), like <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/>.</summary>
    /// <param name="handle">A socket handle (for example <see cref="Socket.SafeHandle"/>); referenced until completion.</param>
    /// <param name="buffer">The bytes; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <returns>The number of bytes sent, which may be fewer than <paramref name="buffer"/> holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ErrnoException">send failed (EPIPE, ECONNRESET, ENOTSOCK, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel sent anything.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> SendAsync(SafeHandle handle, ReadOnlyMemory<byte> buffer, MessageFlags flags = MessageFlags.None, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Send(handle, buffer, flags), cancellationToken);

    /// <summary>Receives bytes from a socket (recv), like <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/>.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the receive.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes received before the cancel took effect are returned.</param>
    /// <returns>The number of bytes received; 0 when the peer closed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">recv failed (ECONNRESET, ENOTSOCK, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before anything was received.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReceiveAsync(int fd, Memory<byte> buffer, MessageFlags flags = MessageFlags.None, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Recv(fd, buffer, flags), cancellationToken);

    /// <summary>Receives bytes from a socket (recv), like <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/>.</summary>
    /// <param name="handle">A socket handle; referenced until completion.</param>
    /// <param name="buffer">Receives the bytes; pinned until the kernel has completed the receive.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <param name="cancellationToken">Requests cancellation; bytes received before the cancel took effect are returned.</param>
    /// <returns>The number of bytes received; 0 when the peer closed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ErrnoException">recv failed (ECONNRESET, ENOTSOCK, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before anything was received.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="handle"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> ReceiveAsync(SafeHandle handle, Memory<byte> buffer, MessageFlags flags = MessageFlags.None, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Recv(handle, buffer, flags), cancellationToken);

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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ErrnoException">accept4 failed (EINVAL when not listening, EMFILE, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a connection was accepted.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<int> AcceptAsync(int fd, int flags = SocketCloseOnExec, CancellationToken cancellationToken = default) =>
        SubmitAsync(RingRequest.Accept(fd, Memory<byte>.Empty, flags), cancellationToken);

    /// <summary>Accepts a connection on <paramref name="listener"/> and returns it as a <see cref="Socket"/>, like <see cref="Socket.AcceptAsync(CancellationToken)"/>.</summary>
    /// <remarks>
    /// Disposing <paramref name="listener"/> meanwhile ends the accept with <see cref="ErrnoException"/> EINVAL:
    /// <see cref="Socket.Dispose()"/> stops the listener and waits until the accept lets go of its handle. That wait
    /// needs this ring's completion, so do not dispose the listener on the ring thread (ring-context code, inline
    /// continuations); dispose it from the pool, or cancel the accept first.
    /// </remarks>
    /// <param name="listener">A bound, listening socket.</param>
    /// <param name="cancellationToken">Requests cancellation; a connection accepted after cancellation is closed, never returned.</param>
    /// <returns>The accepted connection (close-on-exec).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="listener"/> is null.</exception>
    /// <exception cref="ErrnoException">accept4 failed (EINVAL when not listening, EMFILE, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a connection was accepted.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="listener"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask<Socket> AcceptAsync(Socket listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ObjectDisposedException.ThrowIf(listener.SafeHandle.IsClosed, listener);
        return AcceptCoreAsync(RingRequest.Accept(listener.SafeHandle, Memory<byte>.Empty, SocketCloseOnExec), cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Socket> AcceptCoreAsync(RingRequest request, CancellationToken cancellationToken)
    {
        int fd = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>Connects a socket to a native <c>sockaddr</c> (connect).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="socketAddress">The native address bytes (2 to 128).</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="socketAddress"/> is shorter than 2 or longer than 128 bytes.</exception>
    /// <exception cref="ErrnoException">connect failed (ECONNREFUSED, ETIMEDOUT, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the connection was made.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask ConnectAsync(int fd, ReadOnlyMemory<byte> socketAddress, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Connect(fd, socketAddress), cancellationToken);

    /// <summary>Connects <paramref name="socket"/> to <paramref name="endPoint"/> through the ring, like <see cref="Socket.ConnectAsync(EndPoint, CancellationToken)"/>.</summary>
    /// <param name="socket">An unconnected socket.</param>
    /// <param name="endPoint">Where to connect.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="socket"/> or <paramref name="endPoint"/> is null.</exception>
    /// <exception cref="ErrnoException">connect failed (ECONNREFUSED, ETIMEDOUT, EAFNOSUPPORT, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the connection was made.</exception>
    /// <exception cref="ObjectDisposedException">The ring or <paramref name="socket"/> is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(endPoint);
        ObjectDisposedException.ThrowIf(socket.SafeHandle.IsClosed, socket);
        SocketAddress address = endPoint.Serialize();
        return SubmitVoid(RingRequest.Connect(socket.SafeHandle, address.Buffer[..address.Size]), cancellationToken);
    }

    /// <summary>Shuts down part of a connection (shutdown), like <see cref="Socket.Shutdown(SocketShutdown)"/>.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="how">Which direction to shut down.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="how"/> is not a <see cref="SocketShutdown"/> value.</exception>
    /// <exception cref="ErrnoException">shutdown failed (ENOTCONN, ENOTSOCK, ...).</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the kernel did it.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask ShutdownAsync(int fd, SocketShutdown how, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Shutdown(fd, how), cancellationToken);

    /// <summary>Waits for <paramref name="delay"/> on the ring (IORING_OP_TIMEOUT): no thread-pool timer involved.</summary>
    /// <param name="delay">How long; not negative.</param>
    /// <param name="cancellationToken">Requests cancellation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the delay passed.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    /// <exception cref="IoRingQuiescedException">The ring is quiesced and <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</exception>
    public ValueTask DelayAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        SubmitVoid(RingRequest.Timer(delay), cancellationToken);
}
