namespace AsyncSys.Generator.Model;

/// <summary>
/// What a libc parameter means, as its man page says: the generator maps each role to a parameter of the
/// generated method and to an argument of the ring request or the worker's call. Direction and ownership come
/// from here (or from an explicit mark), never from a parameter's name.
/// </summary>
internal enum ParameterRole
{
    /// <summary>The descriptor the call works on.</summary>
    Fd,
    /// <summary>A directory descriptor that a path resolves against.</summary>
    DirFd,
    /// <summary>The second descriptor (splice's and sendfile's other end, dup2's new descriptor).</summary>
    Fd2,
    /// <summary>The second directory descriptor (renameat's new directory).</summary>
    DirFd2,
    /// <summary>Memory the call only reads (<c>const void*</c>), followed by <see cref="BufferLength"/>.</summary>
    InBuffer,
    /// <summary>Memory the call writes (<c>void*</c>), followed by <see cref="BufferLength"/> (its capacity).</summary>
    OutBuffer,
    /// <summary>Memory the call writes as an array of the pointed-to type (<c>struct epoll_event*</c>), followed by its element count.</summary>
    OutElements,
    /// <summary>The byte count (element count after <see cref="OutElements"/>) of the preceding buffer; taken from the memory's length.</summary>
    BufferLength,
    /// <summary>An iovec array pointer, followed by <see cref="VectorCount"/>; its direction is the operation's.</summary>
    Vectors,
    /// <summary>The element count of the preceding <see cref="Vectors"/>; taken from the list's count.</summary>
    VectorCount,
    /// <summary>A file offset.</summary>
    Offset,
    /// <summary>A pointer to a file offset the call reads and advances (<c>loff_t*</c>, <c>off_t*</c>); NULL means "the file position".</summary>
    OffsetPointer,
    /// <summary>The second offset pointer (splice's and copy_file_range's destination).</summary>
    OffsetPointer2,
    /// <summary>A NUL-terminated path or name the call only reads (<c>const char*</c>).</summary>
    Path,
    /// <summary>The second path (renameat's new path, symlink's link path).</summary>
    Path2,
    /// <summary>Flags passed through.</summary>
    Flags,
    /// <summary>A mode passed through.</summary>
    Mode,
    /// <summary>A mask passed through (statx).</summary>
    Mask,
    /// <summary>A length passed through (sync_file_range, fallocate, posix_fadvise, splice, ftruncate).</summary>
    Length,
    /// <summary>posix_fadvise's advice.</summary>
    Advice,
    /// <summary>shutdown's how.</summary>
    How,
    /// <summary>Any other integer argument passed through unchanged (lseek's whence, fcntl's cmd, a uid).</summary>
    Value,
    /// <summary>poll's <c>struct pollfd*</c>; the generated method takes <c>int fd, PollEvents events</c> instead.</summary>
    PollFds,
    /// <summary>poll's nfds (the generated method polls exactly one descriptor).</summary>
    PollCount,
    /// <summary>poll's timeout: cancellation takes its place.</summary>
    PollTimeout,
    /// <summary>A socket address the call reads (<c>const struct sockaddr*</c>), followed by <see cref="AddressLength"/>.</summary>
    InAddress,
    /// <summary>A socket address the call writes, followed by <see cref="AddressLengthPointer"/> (in: capacity, out: size).</summary>
    OutAddress,
    /// <summary>The byte length of the preceding <see cref="InAddress"/>.</summary>
    AddressLength,
    /// <summary>A pointer to the byte length of the preceding <see cref="OutAddress"/> (accept, recvfrom, getsockopt).</summary>
    AddressLengthPointer,
    /// <summary>A <c>struct msghdr*</c>; becomes an <c>nint</c> the caller keeps alive until the task completes.</summary>
    MessageHeader,
    /// <summary>statx's output buffer: an <c>out</c> struct (returned), or a pointer or span (the caller's memory).</summary>
    StatxBuffer,
    /// <summary>One value the call writes through a pointer (<c>struct stat*</c>, <c>int* status</c>): returned.</summary>
    OutValue,
    /// <summary>One value the call reads through a pointer (<c>const struct epoll_event*</c>): taken by value.</summary>
    InValue,
    /// <summary><c>int fds[2]</c> the call fills (pipe, pipe2, socketpair): returned as two descriptors.</summary>
    OutFdPair,
    /// <summary>ioctl's and fcntl's variadic argument: an integer passes through; a pointer needs a mark.</summary>
    Argument,
}

/// <summary>How a libc function says it failed (the RETURN VALUE section of its man page).</summary>
internal enum ReturnConvention
{
    /// <summary>-1 (or a negative value) and errno: most system calls.</summary>
    MinusOneAndErrno,
    /// <summary>0 on success, else the error number itself; errno is untouched (posix_fallocate, posix_fadvise, pthread_*).</summary>
    ErrorNumber,
    /// <summary>A pointer or handle; NULL (0) and errno on failure (getcwd).</summary>
    NullAndErrno,
    /// <summary>Always succeeds (getpid).</summary>
    NeverFails,
    /// <summary>A negative result is <c>-errno</c>; errno is untouched (raw syscall shims, liburing).</summary>
    NegativeErrno,
}
