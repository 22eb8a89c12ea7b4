namespace AsyncSys.Generator.Model;

/// <summary>What a wrapper parameter means to the ring operation it maps to.</summary>
internal enum ParameterRole
{
    /// <summary>The descriptor the operation works on: <c>int</c>, or a <c>SafeHandle</c> where the request takes one.</summary>
    Fd,
    /// <summary>A directory descriptor (<c>int</c>) that a path resolves against.</summary>
    DirFd,
    /// <summary>The second descriptor (splice's destination).</summary>
    Fd2,
    /// <summary>The second directory descriptor (renameat's new directory).</summary>
    DirFd2,
    /// <summary>A data buffer: a pointer followed by <see cref="BufferLength"/>, or a span.</summary>
    Buffer,
    /// <summary>The byte count of the preceding <see cref="Buffer"/>; taken from the buffer's length.</summary>
    BufferLength,
    /// <summary>An iovec array pointer, followed by <see cref="VectorCount"/>.</summary>
    Vectors,
    /// <summary>The element count of the preceding <see cref="Vectors"/>; taken from the list's count.</summary>
    VectorCount,
    /// <summary>A file offset.</summary>
    Offset,
    /// <summary>A pointer to a file offset (<c>loff_t*</c>); becomes a <c>long</c>, -1 for none.</summary>
    OffsetPointer,
    /// <summary>The second offset pointer (splice's destination).</summary>
    OffsetPointer2,
    /// <summary>A path: <c>string</c>, or a UTF-8 <c>byte*</c>.</summary>
    Path,
    /// <summary>The second path (renameat's new path).</summary>
    Path2,
    /// <summary>Flags passed through as an <c>int</c>.</summary>
    Flags,
    /// <summary>A mode passed through as an <c>int</c>.</summary>
    Mode,
    /// <summary>A mask passed through as a <c>uint</c> (statx).</summary>
    Mask,
    /// <summary>A length passed through (sync_file_range, fallocate, posix_fadvise, splice).</summary>
    Length,
    /// <summary>posix_fadvise's advice.</summary>
    Advice,
    /// <summary>shutdown's how.</summary>
    How,
    /// <summary>poll's <c>struct pollfd*</c>; the generated method takes <c>int fd, PollEvents events</c> instead.</summary>
    PollFds,
    /// <summary>poll's nfds (the generated method polls exactly one descriptor).</summary>
    PollCount,
    /// <summary>poll's timeout: cancellation takes its place.</summary>
    PollTimeout,
    /// <summary>A socket address buffer, followed by <see cref="AddressLength"/> or <see cref="AddressLengthPointer"/>.</summary>
    Address,
    /// <summary>The byte length of the preceding <see cref="Address"/>.</summary>
    AddressLength,
    /// <summary>A pointer to the byte length of the preceding <see cref="Address"/> (accept).</summary>
    AddressLengthPointer,
    /// <summary>A <c>struct msghdr*</c>; becomes an <c>nint</c>.</summary>
    MessageHeader,
    /// <summary>statx's output buffer: an <c>out</c> struct (returned), or a pointer or span (the caller's memory).</summary>
    StatxBuffer,
    /// <summary>A parameter the ring form has no use for (sendto's address on a connected socket, preadv2's flags).</summary>
    Dropped,
}
