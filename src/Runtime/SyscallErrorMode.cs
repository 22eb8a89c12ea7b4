namespace AsyncSys;

/// <summary>How a generated asynchronous variant reports a failed syscall.</summary>
public enum SyscallErrorMode
{
    /// <summary>Throw <see cref="ErrnoException"/> carrying the errno value, its name and the syscall. The default.</summary>
    Throw = 0,

    /// <summary>
    /// Return the negative errno value as the result, as the kernel ring does (for hot paths that expect
    /// failures such as EAGAIN). Cancellation and disposal still throw.
    /// </summary>
    ReturnNegativeErrno = 1,
}
