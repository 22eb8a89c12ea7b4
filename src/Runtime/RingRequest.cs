using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AsyncSys;

/// <summary>
/// One operation to run on an <see cref="IoRing"/>, described with the syscall's own arguments.
/// Build it with a factory (<see cref="Read(int, Memory{byte}, long)"/>, <see cref="Poll(int, PollEvents)"/>, ...),
/// optionally add a deadline (<see cref="WithTimeout"/>) or a tag (<see cref="WithTag"/>), and pass it to
/// <see cref="IoRing.SubmitAsync(in RingRequest, System.Threading.CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>The low-level mirror of the syscalls: factories are named after them and take their arguments as the
/// kernel does (raw <c>int</c> flags, -1 for "the current file position" where the kernel has it), with enum
/// overloads for the common flag sets. <see cref="IoRing"/>'s typed operations are the .NET-style layer on top.</para>
/// <para>Buffers are pinned and a <see cref="SafeHandle"/> is referenced from submission until the kernel's own
/// completion for the operation has arrived, also after cancellation and during disposal: do not touch a
/// buffer before the returned task has completed.</para>
/// <para><c>default(RingRequest)</c> describes no operation (<see cref="Operation"/> is <see cref="RingOp.Auto"/>):
/// <see cref="IoRing.SubmitAsync(in RingRequest, System.Threading.CancellationToken)"/> rejects it with
/// <see cref="ArgumentException"/> and <see cref="WithTimeout"/>, <see cref="WithTag"/> and
/// <see cref="WithoutImmediateAttempt"/> with <see cref="InvalidOperationException"/>, each saying to build the
/// request with a factory.</para>
/// </remarks>
public readonly struct RingRequest
{
    internal readonly RingOp Op;
    internal readonly SafeHandle? Handle;
    internal readonly int Fd;
    internal readonly int Fd2;
    internal readonly long Offset;
    internal readonly long Offset2;
    internal readonly long Length;
    internal readonly uint Flags;
    internal readonly uint Mode;
    internal readonly Memory<byte> Buffer;
    internal readonly object? Extra;
    internal readonly string? Path;
    internal readonly string? Path2;
    internal readonly nint Pointer;
    /// <summary>accept's <c>socklen_t*</c>, read and written by the kernel; beside <see cref="Pointer"/>, its <c>sockaddr*</c>.</summary>
    internal readonly nint LengthPointer;
    internal readonly long TimeoutTicks;
    internal readonly object? TagValue;
    internal readonly bool RingOnly;

    private RingRequest(
        RingOp op,
        SafeHandle? handle = null,
        int fd = -1,
        int fd2 = -1,
        long offset = 0,
        long offset2 = 0,
        long length = 0,
        uint flags = 0,
        uint mode = 0,
        Memory<byte> buffer = default,
        object? extra = null,
        string? path = null,
        string? path2 = null,
        nint pointer = 0,
        nint lengthPointer = 0,
        long timeoutTicks = 0,
        object? tag = null,
        bool ringOnly = false)
    {
        Op = op;
        Handle = handle;
        Fd = fd;
        Fd2 = fd2;
        Offset = offset;
        Offset2 = offset2;
        Length = length;
        Flags = flags;
        Mode = mode;
        Buffer = buffer;
        Extra = extra;
        Path = path;
        Path2 = path2;
        Pointer = pointer;
        LengthPointer = lengthPointer;
        TimeoutTicks = timeoutTicks;
        TagValue = tag;
        RingOnly = ringOnly;
    }

    /// <summary>The operation this request runs; <see cref="RingOp.Auto"/> for <c>default(RingRequest)</c>, which runs nothing.</summary>
    public RingOp Operation => Op;

    /// <summary>The deadline set with <see cref="WithTimeout"/>, or <see langword="null"/>.</summary>
    public TimeSpan? Timeout => TimeoutTicks > 0 ? TimeSpan.FromTicks(TimeoutTicks) : null;

    /// <summary>The caller's tag set with <see cref="WithTag"/>, shown in the ring's in-flight list.</summary>
    public object? Tag => TagValue;

    /// <summary>
    /// Returns a copy of this request with a deadline: if the operation has not completed within
    /// <paramref name="timeout"/>, it is cancelled by the kernel (an io_uring linked timeout) and fails with
    /// <see cref="ErrnoException"/> <c>ETIME</c>.
    /// </summary>
    /// <param name="timeout">A positive duration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative.</exception>
    /// <exception cref="InvalidOperationException">This request is <c>default(RingRequest)</c>, or a timer (<see cref="Timer"/>), which cannot take a deadline.</exception>
    public RingRequest WithTimeout(TimeSpan timeout)
    {
        ThrowIfEmpty();
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A deadline must be a positive duration.");
        }

        if (Op == RingOp.Timeout)
        {
            throw new InvalidOperationException("A timer (RingRequest.Timer) cannot take a deadline: it is one already.");
        }

        return new RingRequest(Op, Handle, Fd, Fd2, Offset, Offset2, Length, Flags, Mode, Buffer, Extra, Path, Path2, Pointer, LengthPointer, timeout.Ticks, TagValue, RingOnly);
    }

    /// <summary>Returns a copy of this request carrying a caller tag, reported with the operation while it is in flight.</summary>
    /// <param name="tag">Any object; it is kept referenced until the operation completes.</param>
    /// <exception cref="InvalidOperationException">This request is <c>default(RingRequest)</c>.</exception>
    public RingRequest WithTag(object? tag)
    {
        ThrowIfEmpty();
        return new(Op, Handle, Fd, Fd2, Offset, Offset2, Length, Flags, Mode, Buffer, Extra, Path, Path2, Pointer, LengthPointer, TimeoutTicks, tag, RingOnly);
    }

    /// <summary>
    /// Returns a copy of this request that always goes to the ring: no non-blocking attempt on the calling thread
    /// first (see <see cref="IoRingOptions.TryNonBlockingFirst"/>). For data you know is cold, where the attempt
    /// would only add a syscall that says EAGAIN.
    /// </summary>
    /// <exception cref="InvalidOperationException">This request is <c>default(RingRequest)</c>.</exception>
    public RingRequest WithoutImmediateAttempt()
    {
        ThrowIfEmpty();
        return new(Op, Handle, Fd, Fd2, Offset, Offset2, Length, Flags, Mode, Buffer, Extra, Path, Path2, Pointer, LengthPointer, TimeoutTicks, TagValue, ringOnly: true);
    }

    /// <summary>Whether <see cref="WithoutImmediateAttempt"/> was applied.</summary>
    public bool IsRingOnly => RingOnly;

    /// <summary>Does nothing; completes with 0.</summary>
    public static RingRequest Nop() => new(RingOp.Nop);

    /// <summary>read/pread: reads into <paramref name="buffer"/>; completes with the number of bytes read (0 at end of file).</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="buffer">Where the bytes go; pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 to read at (and advance) the current file position.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest Read(int fd, Memory<byte> buffer, long fileOffset) =>
        new(RingOp.Read, fd: CheckFd(fd, nameof(fd)), offset: CheckOffset(fileOffset, nameof(fileOffset)), buffer: buffer);

    /// <summary>read/pread on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <param name="buffer">Where the bytes go; pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 to read at (and advance) the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest Read(SafeHandle handle, Memory<byte> buffer, long fileOffset) =>
        new(RingOp.Read, handle: CheckHandle(handle, nameof(handle)), offset: CheckOffset(fileOffset, nameof(fileOffset)), buffer: buffer);

    /// <summary>
    /// write/pwrite: writes <paramref name="buffer"/>; completes with the number of bytes written, which may be fewer
    /// than asked (the kernel's own answer: <see cref="IoRing.WriteAsync(SafeHandle, ReadOnlyMemory{byte}, long, System.Threading.CancellationToken)"/>
    /// writes the rest).
    /// </summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="buffer">The bytes to write; pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 to write at (and advance) the current file position.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest Write(int fd, ReadOnlyMemory<byte> buffer, long fileOffset) =>
        new(RingOp.Write, fd: CheckFd(fd, nameof(fd)), offset: CheckOffset(fileOffset, nameof(fileOffset)), buffer: MemoryMarshal.AsMemory(buffer));

    /// <summary>write/pwrite on a <see cref="SafeHandle"/>, which stays referenced until completion; completes with the bytes written (possibly fewer than asked).</summary>
    /// <param name="handle">An open file handle.</param>
    /// <param name="buffer">The bytes to write; pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 to write at (and advance) the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest Write(SafeHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset) =>
        new(RingOp.Write, handle: CheckHandle(handle, nameof(handle)), offset: CheckOffset(fileOffset, nameof(fileOffset)), buffer: MemoryMarshal.AsMemory(buffer));

    /// <summary>readv/preadv: reads into a list of buffers, in order; completes with the total bytes read.</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each is pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 for the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest ReadV(int fd, IReadOnlyList<Memory<byte>> buffers, long fileOffset) =>
        new(RingOp.ReadV, fd: CheckFd(fd, nameof(fd)), offset: CheckOffset(fileOffset, nameof(fileOffset)), extra: CheckBuffers(buffers, nameof(buffers)));

    /// <summary>readv/preadv on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <param name="buffers">The buffers (1 to 1024); each is pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 for the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid, or <paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest ReadV(SafeHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) =>
        new(RingOp.ReadV, handle: CheckHandle(handle, nameof(handle)), offset: CheckOffset(fileOffset, nameof(fileOffset)), extra: CheckBuffers(buffers, nameof(buffers)));

    /// <summary>writev/pwritev: writes a list of buffers, in order; completes with the total bytes written (possibly fewer than asked).</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="buffers">The buffers (1 to 1024); each is pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 for the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest WriteV(int fd, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) =>
        new(RingOp.WriteV, fd: CheckFd(fd, nameof(fd)), offset: CheckOffset(fileOffset, nameof(fileOffset)), extra: CheckBuffers(buffers, nameof(buffers)));

    /// <summary>writev/pwritev on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <param name="buffers">The buffers (1 to 1024); each is pinned until completion.</param>
    /// <param name="fileOffset">The file offset, or -1 for the current file position.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> or <paramref name="buffers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid, or <paramref name="buffers"/> is empty or has more than 1024 buffers.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is below -1.</exception>
    public static RingRequest WriteV(SafeHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) =>
        new(RingOp.WriteV, handle: CheckHandle(handle, nameof(handle)), offset: CheckOffset(fileOffset, nameof(fileOffset)), extra: CheckBuffers(buffers, nameof(buffers)));

    /// <summary>fsync: flushes the file's data and metadata to stable storage.</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Fsync(int fd) => new(RingOp.Fsync, fd: CheckFd(fd, nameof(fd)));

    /// <summary>fsync on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Fsync(SafeHandle handle) => new(RingOp.Fsync, handle: CheckHandle(handle, nameof(handle)));

    /// <summary>fdatasync: flushes the file's data (and the metadata needed to read it back).</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Fdatasync(int fd) => new(RingOp.Fdatasync, fd: CheckFd(fd, nameof(fd)));

    /// <summary>fdatasync on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Fdatasync(SafeHandle handle) => new(RingOp.Fdatasync, handle: CheckHandle(handle, nameof(handle)));

    /// <summary>sync_file_range: starts or waits for writeback of a byte range.</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range; 0 means to the end of the file.</param>
    /// <param name="flags">SYNC_FILE_RANGE_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/>, <paramref name="fileOffset"/> or <paramref name="length"/> is negative.</exception>
    public static RingRequest SyncFileRange(int fd, long fileOffset, long length, int flags) =>
        new(RingOp.SyncFileRange, fd: CheckFd(fd, nameof(fd)), offset: CheckNonNegative(fileOffset, nameof(fileOffset)), length: CheckNonNegative(length, nameof(length)), flags: (uint)flags);

    /// <summary>poll on one descriptor, one-shot: completes with the ready events once any of <paramref name="events"/> is ready.</summary>
    /// <param name="fd">An open file descriptor (pipe, socket, eventfd, ...).</param>
    /// <param name="events">The events to wait for; <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/> are always reported.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Poll(int fd, PollEvents events) => new(RingOp.Poll, fd: CheckFd(fd, nameof(fd)), flags: (uint)events);

    /// <summary>poll on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open handle (pipe, socket, eventfd, ...).</param>
    /// <param name="events">The events to wait for; <see cref="PollEvents.Error"/> and <see cref="PollEvents.HangUp"/> are always reported.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Poll(SafeHandle handle, PollEvents events) => new(RingOp.Poll, handle: CheckHandle(handle, nameof(handle)), flags: (uint)events);

    /// <summary>openat: opens <paramref name="path"/> relative to <paramref name="dirFd"/>; completes with the new descriptor.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/> (AT_FDCWD).</param>
    /// <param name="path">The path; relative paths resolve against <paramref name="dirFd"/>.</param>
    /// <param name="flags">O_* flags, as this architecture's kernel defines them.</param>
    /// <param name="mode">Permission bits for a created file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    public static RingRequest OpenAt(int dirFd, string path, int flags, int mode) =>
        new(RingOp.OpenAt, fd: dirFd, path: CheckPath(path, nameof(path)), flags: (uint)flags, mode: (uint)mode);

    /// <summary>openat: opens <paramref name="path"/> relative to <paramref name="dirFd"/>; completes with the new descriptor.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/> (AT_FDCWD).</param>
    /// <param name="path">The path; relative paths resolve against <paramref name="dirFd"/>.</param>
    /// <param name="flags">How to open it; converted to this architecture's values.</param>
    /// <param name="mode">Permission bits for a created file (with <see cref="OpenFlags.Create"/> or <see cref="OpenFlags.TemporaryFile"/>), before the umask.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    public static RingRequest OpenAt(int dirFd, string path, OpenFlags flags, UnixFileMode mode) =>
        new(RingOp.OpenAt, fd: dirFd, path: CheckPath(path, nameof(path)), flags: (uint)NativeOpenFlags.From(flags), mode: CheckMode(mode, nameof(mode)));

    /// <summary>close: closes a descriptor.</summary>
    /// <param name="fd">The descriptor to close.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Close(int fd) => new(RingOp.Close, fd: CheckFd(fd, nameof(fd)));

    /// <summary>statx: writes a <c>struct statx</c> (<see cref="AsyncSys.Statx.StructSize"/> bytes) about <paramref name="path"/> into <paramref name="statxBuffer"/>.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The path; with AT_EMPTY_PATH in <paramref name="flags"/>, an empty path means <paramref name="dirFd"/> itself.</param>
    /// <param name="flags">AT_* flags.</param>
    /// <param name="mask">STATX_* fields wanted.</param>
    /// <param name="statxBuffer">At least <see cref="AsyncSys.Statx.StructSize"/> bytes; pinned until completion.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="statxBuffer"/> is smaller than <see cref="AsyncSys.Statx.StructSize"/>.</exception>
    public static RingRequest Statx(int dirFd, string path, int flags, uint mask, Memory<byte> statxBuffer)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (statxBuffer.Length < AsyncSys.Statx.StructSize)
        {
            throw new ArgumentException($"statx needs a buffer of at least {AsyncSys.Statx.StructSize} bytes; got {statxBuffer.Length}.", nameof(statxBuffer));
        }

        return new(RingOp.Statx, fd: dirFd, path: path, flags: (uint)flags, mode: mask, buffer: statxBuffer);
    }

    /// <summary>statx with typed flags and mask.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The path; with <see cref="AtFlags.EmptyPath"/>, an empty path means <paramref name="dirFd"/> itself.</param>
    /// <param name="flags">How to resolve the path and how fresh the answer must be.</param>
    /// <param name="mask">The fields wanted.</param>
    /// <param name="statxBuffer">At least <see cref="AsyncSys.Statx.StructSize"/> bytes; pinned until completion.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="statxBuffer"/> is smaller than <see cref="AsyncSys.Statx.StructSize"/>.</exception>
    public static RingRequest Statx(int dirFd, string path, AtFlags flags, StatxMask mask, Memory<byte> statxBuffer) =>
        Statx(dirFd, path, (int)flags, (uint)mask, statxBuffer);

    /// <summary>fallocate: allocates or manipulates space for a byte range.</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="mode">FALLOC_FL_* mode, 0 to allocate.</param>
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="fileOffset"/> is negative, or <paramref name="length"/> is not positive.</exception>
    public static RingRequest Fallocate(int fd, int mode, long fileOffset, long length) =>
        new(RingOp.Fallocate, fd: CheckFd(fd, nameof(fd)), mode: (uint)mode, offset: CheckNonNegative(fileOffset, nameof(fileOffset)), length: CheckPositive(length, nameof(length)));

    /// <summary>fallocate on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">An open file handle.</param>
    /// <param name="mode">FALLOC_FL_* mode, 0 to allocate.</param>
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range (positive).</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileOffset"/> is negative, or <paramref name="length"/> is not positive.</exception>
    public static RingRequest Fallocate(SafeHandle handle, int mode, long fileOffset, long length) =>
        new(RingOp.Fallocate, handle: CheckHandle(handle, nameof(handle)), mode: (uint)mode, offset: CheckNonNegative(fileOffset, nameof(fileOffset)), length: CheckPositive(length, nameof(length)));

    /// <summary>ftruncate: sets the length of a file, cutting it or extending it with zeros.</summary>
    /// <param name="fd">A descriptor open for writing.</param>
    /// <param name="length">The new length in bytes (not negative).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> or <paramref name="length"/> is negative.</exception>
    public static RingRequest Ftruncate(int fd, long length) =>
        new(RingOp.Ftruncate, fd: CheckFd(fd, nameof(fd)), length: CheckNonNegative(length, nameof(length)));

    /// <summary>ftruncate on a <see cref="SafeHandle"/>: sets the length of a file, cutting it or extending it with zeros.</summary>
    /// <param name="handle">A file handle open for writing.</param>
    /// <param name="length">The new length in bytes (not negative).</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static RingRequest Ftruncate(SafeHandle handle, long length) =>
        new(RingOp.Ftruncate, handle: CheckHandle(handle, nameof(handle)), length: CheckNonNegative(length, nameof(length)));

    /// <summary>posix_fadvise: declares an access pattern for a byte range.</summary>
    /// <param name="fd">An open file descriptor.</param>
    /// <param name="fileOffset">Start of the range.</param>
    /// <param name="length">Length of the range; 0 means to the end of the file.</param>
    /// <param name="advice">POSIX_FADV_* advice.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/>, <paramref name="fileOffset"/> or <paramref name="length"/> is negative.</exception>
    public static RingRequest Fadvise(int fd, long fileOffset, long length, int advice) =>
        new(RingOp.Fadvise, fd: CheckFd(fd, nameof(fd)), offset: CheckNonNegative(fileOffset, nameof(fileOffset)), length: CheckNonNegative(length, nameof(length)), flags: (uint)advice);

    /// <summary>send: sends <paramref name="buffer"/> on a connected socket; completes with the bytes sent (possibly fewer than asked).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">The bytes to send; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Send(int fd, ReadOnlyMemory<byte> buffer, int flags) =>
        new(RingOp.Send, fd: CheckFd(fd, nameof(fd)), buffer: MemoryMarshal.AsMemory(buffer), flags: (uint)flags);

    /// <inheritdoc cref="Send(int, ReadOnlyMemory{byte}, int)"/>
    public static RingRequest Send(int fd, ReadOnlyMemory<byte> buffer, MessageFlags flags) => Send(fd, buffer, (int)flags);

    /// <summary>send on a <see cref="SafeHandle"/> (for example <see cref="Socket.SafeHandle"/>), which stays referenced until completion.</summary>
    /// <param name="handle">A socket handle.</param>
    /// <param name="buffer">The bytes to send; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Send(SafeHandle handle, ReadOnlyMemory<byte> buffer, int flags) =>
        new(RingOp.Send, handle: CheckHandle(handle, nameof(handle)), buffer: MemoryMarshal.AsMemory(buffer), flags: (uint)flags);

    /// <inheritdoc cref="Send(SafeHandle, ReadOnlyMemory{byte}, int)"/>
    public static RingRequest Send(SafeHandle handle, ReadOnlyMemory<byte> buffer, MessageFlags flags) => Send(handle, buffer, (int)flags);

    /// <summary>recv: receives into <paramref name="buffer"/>; completes with the bytes received (0 when the peer closed).</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="buffer">Where the bytes go; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Recv(int fd, Memory<byte> buffer, int flags) =>
        new(RingOp.Recv, fd: CheckFd(fd, nameof(fd)), buffer: buffer, flags: (uint)flags);

    /// <inheritdoc cref="Recv(int, Memory{byte}, int)"/>
    public static RingRequest Recv(int fd, Memory<byte> buffer, MessageFlags flags) => Recv(fd, buffer, (int)flags);

    /// <summary>recv on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">A socket handle.</param>
    /// <param name="buffer">Where the bytes go; pinned until completion.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Recv(SafeHandle handle, Memory<byte> buffer, int flags) =>
        new(RingOp.Recv, handle: CheckHandle(handle, nameof(handle)), buffer: buffer, flags: (uint)flags);

    /// <inheritdoc cref="Recv(SafeHandle, Memory{byte}, int)"/>
    public static RingRequest Recv(SafeHandle handle, Memory<byte> buffer, MessageFlags flags) => Recv(handle, buffer, (int)flags);

    /// <summary>
    /// sendmsg with a caller-built <c>struct msghdr</c>. The caller keeps the msghdr and everything it points to
    /// alive and unmoved until the operation completes.
    /// </summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="messageHeader">Address of a <c>struct msghdr</c>.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="messageHeader"/> is 0.</exception>
    public static RingRequest SendMsg(int fd, nint messageHeader, int flags) =>
        new(RingOp.SendMsg, fd: CheckFd(fd, nameof(fd)), pointer: CheckPointer(messageHeader, nameof(messageHeader)), flags: (uint)flags);

    /// <inheritdoc cref="SendMsg(int, nint, int)"/>
    public static RingRequest SendMsg(int fd, nint messageHeader, MessageFlags flags) => SendMsg(fd, messageHeader, (int)flags);

    /// <summary>recvmsg with a caller-built <c>struct msghdr</c>; the same lifetime rule as <see cref="SendMsg(int, nint, int)"/>.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="messageHeader">Address of a <c>struct msghdr</c>.</param>
    /// <param name="flags">MSG_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="messageHeader"/> is 0.</exception>
    public static RingRequest RecvMsg(int fd, nint messageHeader, int flags) =>
        new(RingOp.RecvMsg, fd: CheckFd(fd, nameof(fd)), pointer: CheckPointer(messageHeader, nameof(messageHeader)), flags: (uint)flags);

    /// <inheritdoc cref="RecvMsg(int, nint, int)"/>
    public static RingRequest RecvMsg(int fd, nint messageHeader, MessageFlags flags) => RecvMsg(fd, messageHeader, (int)flags);

    /// <summary>
    /// accept4: accepts a connection; completes with the new socket's descriptor. The peer's address length the kernel
    /// reports is not returned: to read it, use <see cref="Accept(int, nint, nint, int)"/>.
    /// </summary>
    /// <param name="fd">A listening socket.</param>
    /// <param name="peerAddress">Receives the peer's <c>sockaddr</c> (may be empty); pinned until completion.</param>
    /// <param name="flags">SOCK_NONBLOCK / SOCK_CLOEXEC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Accept(int fd, Memory<byte> peerAddress, int flags) =>
        new(RingOp.Accept, fd: CheckFd(fd, nameof(fd)), buffer: peerAddress, flags: (uint)flags);

    /// <summary>accept4 on a <see cref="SafeHandle"/>, which stays referenced until completion; the peer's address length is not returned (see <see cref="Accept(SafeHandle, nint, nint, int)"/>).</summary>
    /// <param name="handle">A listening socket's handle.</param>
    /// <param name="peerAddress">Receives the peer's <c>sockaddr</c> (may be empty); pinned until completion.</param>
    /// <param name="flags">SOCK_NONBLOCK / SOCK_CLOEXEC.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Accept(SafeHandle handle, Memory<byte> peerAddress, int flags) =>
        new(RingOp.Accept, handle: CheckHandle(handle, nameof(handle)), buffer: peerAddress, flags: (uint)flags);

    /// <summary>
    /// accept4 exactly as libc takes it, for callers that own the peer address's memory: the kernel writes the peer's
    /// <c>sockaddr</c> at <paramref name="peerAddress"/> (at most <c>*peerAddressLength</c> bytes, truncated if longer)
    /// and stores its real length in <c>*peerAddressLength</c>. Completes with the new socket's descriptor.
    /// </summary>
    /// <remarks>
    /// Both are addresses, not pinned buffers: the caller keeps the address buffer and the <c>socklen_t</c> alive and
    /// fixed (native memory, a pinned array, a fixed statement around the await) until the returned task has completed,
    /// also after cancellation, the same rule as <see cref="SendMsg(int, nint, int)"/>'s message header. 0 for both is
    /// accept4's NULL, NULL: the peer's address is not asked for. An address without a length fails with EFAULT, as
    /// accept4 does. Without a length to read back, <see cref="Accept(int, Memory{byte}, int)"/> pins a managed buffer instead.
    /// </remarks>
    /// <param name="fd">A listening socket.</param>
    /// <param name="peerAddress">Address of a <c>sockaddr</c> buffer (a <c>sockaddr_storage</c> fits any family), or 0.</param>
    /// <param name="peerAddressLength">Address of a <c>socklen_t</c> (a 32-bit unsigned integer) holding the buffer's size in bytes; the kernel replaces it with the peer address's length. 0 when <paramref name="peerAddress"/> is 0.</param>
    /// <param name="flags">SOCK_NONBLOCK / SOCK_CLOEXEC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Accept(int fd, nint peerAddress, nint peerAddressLength, int flags) =>
        new(RingOp.Accept, fd: CheckFd(fd, nameof(fd)), pointer: peerAddress, lengthPointer: peerAddressLength, flags: (uint)flags);

    /// <summary>accept4 on a <see cref="SafeHandle"/>, which stays referenced until completion, with a caller-owned address and length (see <see cref="Accept(int, nint, nint, int)"/>).</summary>
    /// <param name="handle">A listening socket's handle.</param>
    /// <param name="peerAddress">Address of a <c>sockaddr</c> buffer, or 0.</param>
    /// <param name="peerAddressLength">Address of a <c>socklen_t</c> holding the buffer's size; the kernel replaces it with the peer address's length. 0 when <paramref name="peerAddress"/> is 0.</param>
    /// <param name="flags">SOCK_NONBLOCK / SOCK_CLOEXEC.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Accept(SafeHandle handle, nint peerAddress, nint peerAddressLength, int flags) =>
        new(RingOp.Accept, handle: CheckHandle(handle, nameof(handle)), pointer: peerAddress, lengthPointer: peerAddressLength, flags: (uint)flags);

    /// <summary>connect: connects a socket to the <c>sockaddr</c> in <paramref name="socketAddress"/>.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="socketAddress">A native <c>sockaddr</c> (for example <see cref="System.Net.SocketAddress.Buffer"/>), 2 to 128 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="socketAddress"/> is shorter than 2 or longer than 128 bytes.</exception>
    public static RingRequest Connect(int fd, ReadOnlyMemory<byte> socketAddress) =>
        new(RingOp.Connect, fd: CheckFd(fd, nameof(fd)), buffer: CheckAddress(socketAddress, nameof(socketAddress)));

    /// <summary>connect on a <see cref="SafeHandle"/>, which stays referenced until completion.</summary>
    /// <param name="handle">A socket handle.</param>
    /// <param name="socketAddress">A native <c>sockaddr</c> (for example <see cref="System.Net.SocketAddress.Buffer"/>), 2 to 128 bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="handle"/> is invalid, or <paramref name="socketAddress"/> is shorter than 2 or longer than 128 bytes.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="handle"/> is closed.</exception>
    public static RingRequest Connect(SafeHandle handle, ReadOnlyMemory<byte> socketAddress) =>
        new(RingOp.Connect, handle: CheckHandle(handle, nameof(handle)), buffer: CheckAddress(socketAddress, nameof(socketAddress)));

    /// <summary>shutdown: shuts down part of a full-duplex connection.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="how">SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    public static RingRequest Shutdown(int fd, int how) => new(RingOp.Shutdown, fd: CheckFd(fd, nameof(fd)), flags: (uint)how);

    /// <summary>shutdown: shuts down part of a full-duplex connection.</summary>
    /// <param name="fd">A socket descriptor.</param>
    /// <param name="how">Which direction; <see cref="SocketShutdown"/>'s values are Linux's SHUT_RD, SHUT_WR and SHUT_RDWR.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative, or <paramref name="how"/> is not a <see cref="SocketShutdown"/> value.</exception>
    public static RingRequest Shutdown(int fd, SocketShutdown how) =>
        how is SocketShutdown.Receive or SocketShutdown.Send or SocketShutdown.Both
            ? Shutdown(fd, (int)how)
            : throw new ArgumentOutOfRangeException(nameof(how), how, "Shut down Receive, Send or Both.");

    /// <summary>renameat2: renames a file.</summary>
    /// <param name="oldDirFd">Directory of <paramref name="oldPath"/>, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="oldPath">The existing path.</param>
    /// <param name="newDirFd">Directory of <paramref name="newPath"/>, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="newPath">The new path.</param>
    /// <param name="flags">RENAME_* flags.</param>
    /// <exception cref="ArgumentNullException"><paramref name="oldPath"/> or <paramref name="newPath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="oldPath"/> or <paramref name="newPath"/> is empty or contains a NUL character.</exception>
    public static RingRequest RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath, int flags) =>
        new(RingOp.RenameAt, fd: oldDirFd, fd2: newDirFd, path: CheckPath(oldPath, nameof(oldPath)), path2: CheckPath(newPath, nameof(newPath)), flags: (uint)flags);

    /// <summary>unlinkat: removes a file, or a directory with AT_REMOVEDIR.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The path to remove.</param>
    /// <param name="flags">0 or AT_REMOVEDIR.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    public static RingRequest UnlinkAt(int dirFd, string path, int flags) =>
        new(RingOp.UnlinkAt, fd: dirFd, path: CheckPath(path, nameof(path)), flags: (uint)flags);

    /// <summary>unlinkat: removes a file, or a directory with <see cref="AtFlags.RemoveDirectory"/>.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The path to remove.</param>
    /// <param name="flags"><see cref="AtFlags.None"/> or <see cref="AtFlags.RemoveDirectory"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    public static RingRequest UnlinkAt(int dirFd, string path, AtFlags flags) => UnlinkAt(dirFd, path, (int)flags);

    /// <summary>mkdirat: creates a directory.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The directory to create.</param>
    /// <param name="mode">Permission bits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    public static RingRequest MkdirAt(int dirFd, string path, int mode) =>
        new(RingOp.MkdirAt, fd: dirFd, path: CheckPath(path, nameof(path)), mode: (uint)mode);

    /// <summary>mkdirat: creates a directory.</summary>
    /// <param name="dirFd">A directory descriptor, or <see cref="IoRing.AtCurrentDirectory"/>.</param>
    /// <param name="path">The directory to create.</param>
    /// <param name="mode">Permission bits, before the umask.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or contains a NUL character.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> has bits outside <c>07777</c>.</exception>
    public static RingRequest MkdirAt(int dirFd, string path, UnixFileMode mode) =>
        new(RingOp.MkdirAt, fd: dirFd, path: CheckPath(path, nameof(path)), mode: CheckMode(mode, nameof(mode)));

    /// <summary>splice: moves up to <paramref name="length"/> bytes between two descriptors, one of which is a pipe.</summary>
    /// <param name="fdIn">The source descriptor.</param>
    /// <param name="offsetIn">Offset in the source, or -1 (required for a pipe).</param>
    /// <param name="fdOut">The destination descriptor.</param>
    /// <param name="offsetOut">Offset in the destination, or -1 (required for a pipe).</param>
    /// <param name="length">Most bytes to move (positive).</param>
    /// <param name="flags">SPLICE_F_* flags.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="fdIn"/> or <paramref name="fdOut"/> is negative, <paramref name="offsetIn"/> or
    /// <paramref name="offsetOut"/> is below -1, or <paramref name="length"/> is not positive.
    /// </exception>
    public static RingRequest Splice(int fdIn, long offsetIn, int fdOut, long offsetOut, int length, int flags) =>
        new(RingOp.Splice, fd: CheckFd(fdIn, nameof(fdIn)), fd2: CheckFd(fdOut, nameof(fdOut)), offset: CheckOffset(offsetIn, nameof(offsetIn)), offset2: CheckOffset(offsetOut, nameof(offsetOut)), length: CheckPositive(length, nameof(length)), flags: (uint)flags);

    /// <summary>A timer: completes with 0 after <paramref name="delay"/>.</summary>
    /// <param name="delay">A non-negative duration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static RingRequest Timer(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
        }

        return new(RingOp.Timeout, length: delay.Ticks);
    }

    /// <summary>The descriptor this request works on, or -1 when it has none.</summary>
    internal int EffectiveFd
    {
        get
        {
            if (Handle is null)
            {
                return Fd;
            }

            return Handle.IsClosed ? -1 : (int)Handle.DangerousGetHandle();
        }
    }

    private void ThrowIfEmpty()
    {
        if (Op == RingOp.Auto)
        {
            throw new InvalidOperationException(EmptyRequestMessage);
        }
    }

    /// <summary>What <c>default(RingRequest)</c> is told wherever it is rejected.</summary>
    internal const string EmptyRequestMessage = "The request is empty (default(RingRequest)): build it with a RingRequest factory such as RingRequest.Read.";

    private static int CheckFd(int fd, string name) =>
        fd >= 0 ? fd : throw new ArgumentOutOfRangeException(name, fd, "A file descriptor cannot be negative.");

    private static SafeHandle CheckHandle(SafeHandle handle, string name)
    {
        ArgumentNullException.ThrowIfNull(handle, name);
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        if (handle.IsInvalid)
        {
            throw new ArgumentException("The handle is invalid.", name);
        }

        return handle;
    }

    private static long CheckOffset(long offset, string name) =>
        offset >= -1 ? offset : throw new ArgumentOutOfRangeException(name, offset, "An offset must be non-negative, or -1 for the current file position.");

    private static long CheckNonNegative(long value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "The value cannot be negative.");

    private static long CheckPositive(long value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "The value must be positive.");

    private static nint CheckPointer(nint pointer, string name) =>
        pointer != 0 ? pointer : throw new ArgumentNullException(name);

    internal static uint CheckMode(UnixFileMode mode, string name) =>
        ((int)mode & ~0xFFF) == 0 ? (uint)mode : throw new ArgumentOutOfRangeException(name, mode, "A file mode has permission, set-id and sticky bits only (07777).");

    private static string CheckPath(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path, name);
        if (path.Length == 0)
        {
            throw new ArgumentException("The path is empty.", name);
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a NUL character.", name);
        }

        return path;
    }

    private static Memory<byte> CheckAddress(ReadOnlyMemory<byte> address, string name)
    {
        if (address.Length < 2 || address.Length > 128)
        {
            throw new ArgumentException($"A socket address is 2 to 128 bytes; got {address.Length}.", name);
        }

        return MemoryMarshal.AsMemory(address);
    }

    private static object CheckBuffers<T>(IReadOnlyList<T> buffers, string name)
    {
        ArgumentNullException.ThrowIfNull(buffers, name);
        if (buffers.Count == 0 || buffers.Count > 1024)
        {
            throw new ArgumentException($"A vectored operation takes 1 to 1024 buffers (IOV_MAX); got {buffers.Count}.", name);
        }

        return buffers;
    }
}
