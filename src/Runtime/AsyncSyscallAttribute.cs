using System;

namespace AsyncSys;

/// <summary>
/// Marks a synchronous syscall wrapper so that the AsyncSys source generator emits an asynchronous
/// variant, <c>&lt;Name&gt;Async(..., CancellationToken)</c>, beside it.
/// </summary>
/// <remarks>
/// <para>
/// The wrapper may be a <c>static partial</c> method with <c>[LibraryImport]</c>, a <c>static extern</c>
/// method with <c>[DllImport]</c>, or an ordinary static or instance method of a partial type.
/// </para>
/// <para>
/// When the kernel has a native ring opcode for the call (pread, pwrite, fsync, poll, openat, statx, send,
/// recv, accept, connect, ...), the generated method submits one entry to an <see cref="IoRing"/>.
/// Otherwise the synchronous wrapper runs on the ring's bounded pool of blocking-call workers, with errno
/// captured on the worker right after the call.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AsyncSyscallAttribute : Attribute
{
    /// <summary>Creates the attribute; the ring opcode is inferred from the wrapper's entry point.</summary>
    public AsyncSyscallAttribute()
    {
    }

    /// <summary>Creates the attribute with an explicit ring operation.</summary>
    /// <param name="op">The ring operation the wrapper maps to, or <see cref="RingOp.None"/> to always offload.</param>
    public AsyncSyscallAttribute(RingOp op)
    {
        Op = op;
    }

    /// <summary>
    /// The ring operation. <see cref="RingOp.Auto"/> (the default) looks the wrapper's entry point up in the
    /// generator's table of known libc calls; <see cref="RingOp.None"/> always runs the call on a worker.
    /// </summary>
    public RingOp Op { get; }

    /// <summary>The generated method's name. Defaults to the wrapper's name followed by <c>Async</c>.</summary>
    public string? MethodName { get; set; }

    /// <summary>How the generated method reports a failed call. Defaults to <see cref="SyscallErrorMode.Throw"/>.</summary>
    public SyscallErrorMode ErrorMode { get; set; }

    /// <summary>
    /// The name of a static method of the containing type, <c>static void Hook(BlockingCallInfo call)</c>,
    /// invoked when cancellation is requested while the call is already running on a worker (for
    /// example to close a descriptor or interrupt the worker thread). Only used by offloaded calls.
    /// </summary>
    public string? CancelHook { get; set; }

    /// <summary>
    /// How the wrapped call says it failed, from the RETURN VALUE section of its man page (or its shim's source).
    /// Leave it unset for a libc call in the generator's table (docs/declaring-wrappers.md), which knows it. For
    /// any other call returning a number, state it: the generator never guesses, and warns (ASYS0014) when it is
    /// missing, then assumes <see cref="SyscallErrors.MinusOneAndErrno"/>.
    /// </summary>
    public SyscallErrors Errors { get; set; }
}

/// <summary>How a wrapped call reports failure, as stated with <see cref="AsyncSyscallAttribute.Errors"/>.</summary>
public enum SyscallErrors
{
    /// <summary>Not stated: the generator's table knows the call, or ASYS0014 warns and -1 and errno is assumed.</summary>
    NotStated = 0,

    /// <summary>A negative result (-1) means failure, and errno says why: most system calls (read, open, ioctl).</summary>
    MinusOneAndErrno = 1,

    /// <summary>0 means success; any other result is the error number itself, and errno is not set (posix_fadvise, pthread_*).</summary>
    ReturnsErrorNumber = 2,

    /// <summary>A negative result is the negated error number (-EBADF), and errno is not set: raw syscall shims, liburing.</summary>
    NegativeErrno = 3,

    /// <summary>0 (NULL) means failure, and errno says why: calls returning a pointer or handle (getcwd).</summary>
    NullAndErrno = 4,

    /// <summary>The call cannot fail, so every result is a value (getpid).</summary>
    NeverFails = 5,
}
